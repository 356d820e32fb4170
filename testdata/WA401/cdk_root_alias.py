import aws_cdk as cdk


def build(stack, code):
    return cdk.aws_lambda.Function(
        stack,
        "Fn",
        runtime=cdk.aws_lambda.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=code,
    )
