from aws_cdk import aws_lambda_python_alpha as python
from aws_cdk.aws_lambda import Runtime


def build(stack):
    return python.PythonFunction(
        stack,
        "Py",
        entry="functions/report",
        index="handler.py",
        runtime=Runtime.PYTHON_3_12,
    )
