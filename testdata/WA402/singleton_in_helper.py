import aws_cdk.aws_lambda


def singleton(stack, code):
    return aws_cdk.aws_lambda.SingletonFunction(
        stack,
        "Once",
        uuid="6f3b0c56-9a2b-4f0e-8a25-0c6a7d3f5f11",
        code=code,
        handler="index.handler",
        runtime=aws_cdk.aws_lambda.Runtime.PYTHON_3_12,
    )
