from aws_cdk import aws_lambda as _lambda


def build(stack, **props):
    return _lambda.Function(stack, "Fn", **props)
