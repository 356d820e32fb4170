from aws_cdk import aws_lambda as _lambda, aws_stepfunctions_tasks as tasks


def build(stack, code):
    return tasks.LambdaInvoke(
        stack,
        "Invoke",
        lambda_function=_lambda.Function(
            stack,
            "Fn",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=code,
        ),
        payload_response_only=True,
    )
