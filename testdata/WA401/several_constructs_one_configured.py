from aws_cdk import Stack, aws_lambda as _lambda
from constructs import Construct


class S(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        q = sqs_queue
        _lambda.Function(self, "A", code=code, dead_letter_queue=q)
        _lambda.Function(self, "B", code=code)
