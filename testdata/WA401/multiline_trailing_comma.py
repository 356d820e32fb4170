from aws_cdk import Stack, aws_lambda as _lambda
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        _lambda.Function(
            self,
            "Fn",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("src"),
        )
