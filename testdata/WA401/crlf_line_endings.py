from aws_cdk import aws_lambda as _lambda


def build(stack, code):
    return _lambda.Function(
        stack,
        "Fn",
        code=code,
    )
