import aws_cdk as cdk
from aws_cdk import aws_iam as iam


def build(stack, code):
    role = iam.Role.from_role_name(stack, "Role", "legacy-exporter")
    cdk.aws_lambda.CfnFunction(stack, "Job", role=role.role_arn, code=code)
