import json
import os

import boto3

sqs = boto3.client("sqs")


def main(event, context):
    order = json.loads(event["body"])
    sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=json.dumps(order))
    return {"statusCode": 202, "body": json.dumps({"queued": order["id"]})}
