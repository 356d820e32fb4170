from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_sqs as sqs
from aws_cdk.aws_lambda_event_sources import SqsEventSource
from constructs import Construct


class WorkerStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        jobs = sqs.Queue(self, "Jobs")
        worker = _lambda.Function(
            self,
            "JobWorker",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("functions/worker"),
        )
        worker.add_event_source(SqsEventSource(jobs, batch_size=5))
