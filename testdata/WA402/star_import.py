from aws_cdk import *
from aws_cdk.aws_lambda import *


class S(Stack):
    def __init__(self, scope, id, code):
        super().__init__(scope, id)
        Function(
            self,
            "Fn",
            runtime=Runtime.PYTHON_3_12,
            handler="index.handler",
            code=code,
        )
