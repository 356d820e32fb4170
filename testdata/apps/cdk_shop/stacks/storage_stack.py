"""Queue, bucket, shared layers and the two workers that read them."""

from aws_cdk import Duration, Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from stacks.service_function import ServiceFunction


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        self.orders_queue = sqs.Queue(self, "OrdersQueue", visibility_timeout=Duration.seconds(120))
        uploads = s3.Bucket(self, "Uploads")

        # Third-party packages installed into python/ by the build (pip install -t).
        deps_layer = _lambda.LayerVersion(
            self,
            "DepsLayer",
            code=_lambda.Code.from_asset("layers/deps"),
            compatible_runtimes=[_lambda.Runtime.PYTHON_3_12],
        )
        self.shared_layer = _lambda.LayerVersion(
            self,
            "SharedLayer",
            code=_lambda.Code.from_asset("layers/shared"),
        )

        self.ingest = ServiceFunction(
            self,
            "Ingest",
            folder="functions/ingest",
            handler="app.handler",
            memory_size=512,
            layers=[deps_layer, self.shared_layer],
        )

        thumbnailer = _lambda.Function(
            self,
            "Thumbnailer",
            runtime=_lambda.Runtime.PYTHON_3_12,
            code=_lambda.Code.from_asset("functions/thumbnailer"),
            handler="main.on_upload",
            timeout=Duration.minutes(2),
            environment={"BUCKET": uploads.bucket_name},
        )
        uploads.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(thumbnailer))
        uploads.grant_read(thumbnailer)
