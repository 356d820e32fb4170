from aws_cdk import Duration, Stack, aws_iam as iam, aws_lambda as _lambda, aws_sqs as sqs
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        role = iam.Role(self, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        _lambda.CfnFunction(
            self,
            "LegacyExporter",
            runtime="python3.12",
            handler="exporter.handler",
            role=role.role_arn,
            code=_lambda.CfnFunction.CodeProperty(s3_bucket="b", s3_key="k.zip"),
        )
