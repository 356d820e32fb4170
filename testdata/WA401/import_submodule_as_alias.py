import aws_cdk.aws_lambda as awslambda


def build(stack, code):
    return awslambda.Function(
        stack, "Fn", runtime=awslambda.Runtime.PYTHON_3_12, handler="index.handler", code=code
    )
