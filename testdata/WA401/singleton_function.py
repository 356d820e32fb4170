from aws_cdk import Stack, aws_lambda as _lambda
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        _lambda.SingletonFunction(
            self,
            "Singleton",
            uuid="f7d4f730-4ee1-11e8-9c2d-fa7ae01bbebc",
            lambda_purpose="custom-resource",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=code,
        )
