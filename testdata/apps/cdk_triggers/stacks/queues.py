"""The queue and the stream the workers read; the workers are wired in workers.py."""

from aws_cdk import Duration, Stack
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_sqs as sqs
from constructs import Construct


class QueuesStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        self.orders_queue = sqs.Queue(self, "OrdersQueue", visibility_timeout=Duration.seconds(180))
        self.clicks = kinesis.Stream(self, "Clicks", shard_count=1)
