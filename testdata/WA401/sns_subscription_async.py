from aws_cdk import Stack, aws_lambda, aws_sns, aws_sns_subscriptions
from constructs import Construct


class AlertsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        topic = aws_sns.Topic(self, "Alerts")
        notifier = aws_lambda.Function(self, "Notifier", runtime=aws_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=aws_lambda.Code.from_asset("handlers/plain"))
        topic.add_subscription(aws_sns_subscriptions.LambdaSubscription(notifier))
