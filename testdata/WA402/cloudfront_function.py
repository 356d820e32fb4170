from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk.aws_cloudfront import Function


def build(stack, code):
    cloudfront.Function(stack, "A", code=code)
    return Function(stack, "B", code=code)
