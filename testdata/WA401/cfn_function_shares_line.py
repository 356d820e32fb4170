from aws_cdk import aws_iam as iam, aws_lambda as _lambda


def build(stack, code, legacy):
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    if legacy: _lambda.CfnFunction(stack, "Exporter", role=role.role_arn, code=code)
