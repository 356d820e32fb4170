from aws_cdk import aws_lambda as _lambda


def build(stack, _lambda):
    # `_lambda` here is a parameter, not the CDK module
    return _lambda.Function(stack, "Fn")
