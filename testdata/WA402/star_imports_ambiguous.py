from aws_cdk.aws_cloudfront import *
from aws_cdk.aws_lambda import *


def build(stack, code):
    # Both modules export Function: which one this is depends on the import order.
    return Function(stack, "Fn", code=code)
