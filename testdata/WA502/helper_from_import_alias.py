from time import sleep as pause

import boto3

sfn = boto3.client("stepfunctions")


def wait_until_done(execution_arn):
    while True:
        status = sfn.describe_execution(executionArn=execution_arn)["status"]
        if status != "RUNNING":
            return status
        pause(5)  # expect: WA502


def start(payload):
    arn = sfn.start_execution(stateMachineArn="arn:aws:states:eu-west-1:123456789012:stateMachine:x", input=payload)
    return wait_until_done(arn["executionArn"])


def handler(event, context):
    return {"status": start(event["payload"])}
