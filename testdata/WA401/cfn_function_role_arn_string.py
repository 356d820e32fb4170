from aws_cdk import Duration, Stack, aws_iam as iam, aws_lambda as _lambda, aws_sqs as sqs
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        role = iam.Role(self, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        _lambda.CfnFunction(
            self,
            "Exporter",
            role="arn:aws:iam::123456789012:role/exporter",
            code=code,
        )
