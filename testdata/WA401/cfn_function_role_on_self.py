from aws_cdk import Duration, Stack, aws_iam as iam, aws_lambda as _lambda, aws_sqs as sqs


class LegacyStack(Stack):
    def __init__(self, scope, id, code):
        super().__init__(scope, id)
        self.exec_role = iam.Role(self, "ExecRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        self.exporter = _lambda.CfnFunction(
            self,
            "Exporter",
            role=self.exec_role.role_arn,
            code=code,
        )
