from aws_cdk import Duration, Stack, aws_kms as kms, aws_lambda as _lambda
from constructs import Construct


class ApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(self, "EnvKey", enable_key_rotation=True)

        _lambda.Function(  # expect: WA503:9
            self,
            "Orders",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
            environment={"TABLE": "orders", "STAGE": "prod"},
        )
        _lambda.Function(
            self,
            "Encrypted",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
            environment={"TABLE": "orders"},
            environment_encryption=key,
        )
        _lambda.Function(
            self,
            "NoEnvironment",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
            timeout=Duration.seconds(5),
        )
        _lambda.Function(self, "EmptyEnvironment", runtime=_lambda.Runtime.PYTHON_3_12, handler="app.handler", code=_lambda.Code.from_asset("src"), environment={})
        _lambda.Function(self, "NoneKey", runtime=_lambda.Runtime.PYTHON_3_12, handler="app.handler", code=_lambda.Code.from_asset("src"), environment={"A": "1"}, environment_encryption=None)  # expect: WA503
