from aws_cdk.aws_lambda import Function as LambdaFunction, Runtime


def build(stack, code):
    return LambdaFunction(
        stack,
        "Fn",
        runtime=Runtime.PYTHON_3_12,
        handler="index.handler",
        code=code,
    )
