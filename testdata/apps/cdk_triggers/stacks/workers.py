"""The functions: an API, an SQS worker and a stream reader."""

import aws_cdk.aws_lambda as lambda_
from aws_cdk import Duration, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk.aws_lambda_event_sources import KinesisEventSource, SqsEventSource
from constructs import Construct


class WorkersStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, orders_queue, clicks, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        api_handler = lambda_.Function(
            self,
            "ApiHandler",
            runtime=lambda_.Runtime.PYTHON_3_12,
            code=lambda_.Code.from_asset("functions/api"),
            handler="handler.main",
        )
        apigw.LambdaRestApi(self, "OrdersApi", handler=api_handler)

        order_worker = lambda_.Function(
            self,
            "OrderWorker",
            runtime=lambda_.Runtime.PYTHON_3_12,
            code=lambda_.Code.from_asset("functions/orders"),
            handler="worker.handler",
            timeout=Duration.seconds(30),
        )
        order_worker.add_event_source(SqsEventSource(orders_queue, batch_size=10))

        click_reader = lambda_.Function(
            self,
            "ClickReader",
            runtime=lambda_.Runtime.PYTHON_3_12,
            code=lambda_.Code.from_asset("functions/clicks"),
            handler="reader.handler",
        )
        click_reader.add_event_source(
            KinesisEventSource(clicks, starting_position=lambda_.StartingPosition.TRIM_HORIZON, batch_size=100)
        )
