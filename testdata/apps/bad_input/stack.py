"""Bad input on purpose: the model must note each problem and keep the rest."""

from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda


class LoopA(LoopB):  # noqa: F821 - a cycle of base classes
    pass


class LoopB(LoopA):
    pass


class BrokenStack(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        _lambda.Function(
            self,
            "MissingAsset",
            runtime=_lambda.Runtime.PYTHON_3_12,
            code=_lambda.Code.from_asset("functions/does_not_exist"),
            handler="app.handler",
        )
        _lambda.Function(
            self,
            "MissingModule",
            runtime=_lambda.Runtime.PYTHON_3_12,
            code=_lambda.Code.from_asset("functions/ok"),
            handler="nothere.handler",
        )
        _lambda.Function(
            self,
            "Fine",
            runtime=_lambda.Runtime.PYTHON_3_12,
            code=_lambda.Code.from_asset("functions/ok"),
            handler="ok.handler",
        )
        LoopA(self, "Looped")
