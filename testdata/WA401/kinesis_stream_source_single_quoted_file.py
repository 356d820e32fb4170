import aws_cdk as cdk
import aws_cdk.aws_kinesis as kinesis
import aws_cdk.aws_lambda as lambda_
from aws_cdk.aws_lambda_event_sources import KinesisEventSource
from constructs import Construct


class ClickStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        stream = kinesis.Stream(self, 'Clicks', shard_count=2)
        reader = lambda_.Function(
            self,
            'ClickReader',
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler='index.handler',
            code=lambda_.Code.from_asset('handlers/plain'),
        )
        reader.add_event_source(
            KinesisEventSource(
                stream,
                starting_position=lambda_.StartingPosition.LATEST,
                batch_size=100,
            )
        )
