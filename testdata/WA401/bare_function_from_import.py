from aws_cdk.aws_lambda import Code, Function, Runtime


def build(stack):
    return Function(
        stack,
        "Fn",
        runtime=Runtime.PYTHON_3_12,
        handler="index.handler",
        code=Code.from_asset("src"),
    )
