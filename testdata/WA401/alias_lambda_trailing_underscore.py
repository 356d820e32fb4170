from aws_cdk import Stack
from aws_cdk import aws_lambda as lambda_


def build(stack: Stack, code):
    return lambda_.Function(
        stack,
        "Fn",
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=code,
    )
