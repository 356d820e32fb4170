from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk.aws_cloudfront import Function


class LogGroup:
    """A local class named like the CDK one."""

    def __init__(self, name, retention=None):
        self.name = name


def build(scope):
    # CloudFront Functions are not Lambda functions.
    Function(scope, "Rewrite", code=cloudfront.FunctionCode.from_inline("function handler(e) { return e.request; }"))
    cloudfront.Function(scope, "Rewrite2", code=cloudfront.FunctionCode.from_file(file_path="rewrite.js"))
    LogGroup("audit", retention=30)


def shadowed(_lambda):
    # `_lambda` is a parameter, not aws_cdk.aws_lambda.
    return _lambda.Function(None, "X", environment={"A": "1"})
