from aws_cdk import Stack, aws_lambda as _lambda
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        for name in ("Orders", "Invoices"):
            _lambda.Function(
                self,
                f"{name}Handler",
                runtime=_lambda.Runtime.PYTHON_3_12,
                handler=f"{name.lower()}.handler",
                code=code,
            )
