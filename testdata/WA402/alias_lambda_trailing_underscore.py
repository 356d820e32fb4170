from aws_cdk import aws_lambda as lambda_


def build(stack, code):
    return lambda_.Function(
        stack,
        "Fn",
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=code,
    )
