from aws_cdk import aws_lambda as _lambda, aws_logs as logs

COMMON = {
    "runtime": _lambda.Runtime.PYTHON_3_12,
    "handler": "app.handler",
}


def build(scope, props: dict, log_props: dict):
    # **props may carry environment_encryption / encryption_key: wafix cannot see inside.
    _lambda.Function(scope, "FromProps", code=_lambda.Code.from_asset("src"), environment={"A": "1"}, **props)
    _lambda.Function(scope, "FromCommon", **COMMON, code=_lambda.Code.from_asset("src"), environment={"A": "1"})
    logs.LogGroup(scope, "FromLogProps", **log_props)
