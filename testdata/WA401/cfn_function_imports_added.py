from aws_cdk import (
    Stack,
    aws_iam as iam,
    aws_lambda as lambda_,
)


def build(stack: Stack, code):
    exec_role = iam.Role(stack, "ExecRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    fn = lambda_.CfnFunction(
        stack,
        "Worker",
        role=exec_role.role_arn,
        code=code
    )
    return fn
