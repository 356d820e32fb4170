from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda
from constructs import Construct


class OrdersStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        _lambda.Function(
            self,
            "Orders",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="handler.lambda_handler",
            code=_lambda.Code.from_asset("functions/orders"),
            environment={"DB_PASSWORD": "rQxeJ6mXJlSwP90IfVRz"},
        )
