"""The team's Lambda defaults: Python 3.12, X-Ray tracing, 30 s."""

from aws_cdk import Duration
from aws_cdk.aws_lambda import Code, Function, Runtime, Tracing
from constructs import Construct


class ServiceFunction(Function):
    def __init__(self, scope: Construct, construct_id: str, *, folder: str, handler: str, **kwargs) -> None:
        super().__init__(
            scope,
            construct_id,
            runtime=Runtime.PYTHON_3_12,
            code=Code.from_asset(folder),
            handler=handler,
            tracing=Tracing.ACTIVE,
            timeout=kwargs.pop("timeout", Duration.seconds(30)),
            **kwargs,
        )
