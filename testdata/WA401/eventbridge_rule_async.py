from aws_cdk import Duration, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as _lambda
from constructs import Construct


class NightlyStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        cleanup = _lambda.Function(
            self,
            "Cleanup",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("handlers/plain"),
            timeout=Duration.minutes(5),
        )
        events.Rule(
            self,
            "Nightly",
            schedule=events.Schedule.cron(hour="3", minute="0"),
            targets=[targets.LambdaFunction(cleanup)],
        )
