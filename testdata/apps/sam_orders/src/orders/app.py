import json
import os

import boto3

sqs = boto3.client("sqs")


def lambda_handler(event, context):
    sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=event["body"])
    return {"statusCode": 202, "body": json.dumps({"ok": True})}
