from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from constructs import Construct


class UploadStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, name: str) -> None:
        super().__init__(scope, construct_id)
        uploads = s3.Bucket(self, 'Uploads')
        thumbnailer = _lambda.Function(
            self,
            name,
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler='index.handler',
            code=_lambda.Code.from_asset('handlers/plain'),
        )
        uploads.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(thumbnailer))
