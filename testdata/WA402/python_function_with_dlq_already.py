from aws_cdk.aws_lambda_python_alpha import PythonFunction


def build(stack, dlq):
    return PythonFunction(
        stack,
        "Py",
        entry="functions/report",
        dead_letter_queue=dlq,
    )
