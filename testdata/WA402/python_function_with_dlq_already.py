from aws_cdk.aws_lambda import Runtime
from aws_cdk.aws_lambda_python_alpha import PythonFunction


def build(stack, dlq):
    return PythonFunction(
        stack,
        "Py",
        entry="functions/report",
        runtime=Runtime.PYTHON_3_12,
        dead_letter_queue=dlq,
    )
