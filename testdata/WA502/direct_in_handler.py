import json
import time


def lambda_handler(event, context):
    body = json.loads(event["body"])
    time.sleep(2)  # expect: WA502:5
    return {"statusCode": 200, "body": json.dumps(body)}
