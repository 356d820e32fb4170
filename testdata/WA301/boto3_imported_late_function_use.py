import os

REGION = os.environ.get("AWS_REGION", "eu-west-1")

import boto3  # noqa: E402


def handler(event, context):
    client = boto3.client("sqs", region_name=REGION)
    client.send_message(QueueUrl=event["queue"], MessageBody="x", MessageAttributes={
        "token": {"DataType": "String", "StringValue": "x"},
    })
    return call_partner(api_key="Wm4Qz8Lx2Rt6Pn9Vk3Hy")
