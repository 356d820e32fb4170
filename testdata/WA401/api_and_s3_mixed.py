from aws_cdk import Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from constructs import Construct


class ReportsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        reports = _lambda.Function(self, "Reports", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=_lambda.Code.from_asset("handlers/plain"))
        apigw.LambdaRestApi(self, "ReportsApi", handler=reports)
        bucket = s3.Bucket(self, "Drops")
        bucket.add_object_created_notification(s3n.LambdaDestination(reports))
