from aws_cdk.aws_iam import Role, ServicePrincipal
from aws_cdk.aws_lambda import CfnFunction


def build(stack, code):
    role = Role(stack, "Role", assumed_by=ServicePrincipal("lambda.amazonaws.com"))
    fn = CfnFunction(stack, "Exporter", role=role.role_arn, code=code)
    return fn
