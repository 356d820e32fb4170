from aws_cdk import Stack, aws_lambda as _lambda
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        _lambda.Function(self, "Fn", code=code, dead_letter_queue_enabled=False)
