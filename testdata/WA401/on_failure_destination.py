from aws_cdk import aws_lambda as _lambda, aws_lambda_destinations as destinations


def build(stack, code, failures):
    return _lambda.Function(
        stack,
        "Fn",
        runtime=_lambda.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=code,
        on_failure=destinations.SqsDestination(failures),
    )
