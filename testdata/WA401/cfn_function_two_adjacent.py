from aws_cdk import Stack, aws_iam as iam, aws_lambda as _lambda


class S(Stack):
    def __init__(self, scope, id, code):
        super().__init__(scope, id)
        role = iam.Role(self, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        _lambda.CfnFunction(self, "A", role=role.role_arn, code=code)
        _lambda.CfnFunction(self, "B", role=role.role_arn, code=code)
