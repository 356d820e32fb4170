from aws_cdk import core, aws_iam as iam, aws_lambda as _lambda


class S(core.Stack):
    def __init__(self, scope, id, code):
        super().__init__(scope, id)
        role = iam.Role(self, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        _lambda.CfnFunction(self, "Exporter", role=role.role_arn, code=code)
