from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda
from constructs import Construct


class BatchStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        code = _lambda.Code.from_asset("functions/batch")
        _lambda.Function(
            self,
            "Ledger",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=code,
            reserved_concurrent_executions=885,
        )
        _lambda.Function(self, "Exporter", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        _lambda.Function(self, "Importer", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
