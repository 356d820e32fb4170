from aws_cdk import aws_lambda_python_alpha as python


def build(stack):
    return python.PythonFunction(
        stack,
        "Py",
        entry="functions/report",
        index="handler.py",
    )
