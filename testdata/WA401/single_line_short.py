from aws_cdk import aws_lambda as _lambda


def build(s, c):
    return _lambda.Function(s, "Fn", code=c)
