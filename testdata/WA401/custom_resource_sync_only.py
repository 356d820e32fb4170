from aws_cdk import CustomResource, Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import custom_resources as cr
from constructs import Construct


class SeedStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        on_event = _lambda.Function(
            self,
            "SeedOnEvent",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("handlers/plain"),
        )
        provider = cr.Provider(self, "SeedProvider", on_event_handler=on_event)
        CustomResource(self, "Seed", service_token=provider.service_token)
