from aws_cdk import aws_lambda as lambda_


def build(stack, code):
    return lambda_.Function(
        stack,
        "Fn",
        code=code,
    )
