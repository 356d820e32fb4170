from aws_cdk import aws_lambda as _lambda
from aws_cdk.aws_lambda import Function


def build(stack):
    a = _lambda.Function.from_function_arn(stack, "A", "arn:aws:lambda:eu-central-1:123456789012:function:a")
    b = Function.from_function_name(stack, "B", "b")
    return a, b
