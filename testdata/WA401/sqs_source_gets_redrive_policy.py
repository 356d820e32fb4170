from aws_cdk import Duration, Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_sqs as sqs
from aws_cdk.aws_lambda_event_sources import SqsEventSource
from constructs import Construct


class OrdersStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        orders_queue = sqs.Queue(self, "OrdersQueue", visibility_timeout=Duration.seconds(180))

        worker = _lambda.Function(
            self,
            "OrderWorker",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("handlers/batch"),
            timeout=Duration.seconds(30),
        )
        worker.add_event_source(SqsEventSource(orders_queue, batch_size=10))
