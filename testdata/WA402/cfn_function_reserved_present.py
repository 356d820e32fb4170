from aws_cdk import aws_lambda as _lambda


def build(stack, role_arn, code):
    return _lambda.CfnFunction(stack, "Legacy", role=role_arn, code=code, reserved_concurrent_executions=1)
