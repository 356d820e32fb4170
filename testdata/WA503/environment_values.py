import aws_cdk as cdk
from aws_cdk.aws_lambda import Code, Function, Runtime

SETTINGS = {"STAGE": "prod"}
NOTHING = {}


def build(scope, extra_env):
    Function(scope, "Const", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment=SETTINGS)  # expect: WA503
    Function(scope, "Param", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment=extra_env)  # expect: WA503
    Function(scope, "DictCall", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment=dict(A="1"))  # expect: WA503
    Function(scope, "Merged", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment={**SETTINGS})  # expect: WA503
    cdk.aws_lambda.Function(scope, "Qualified", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment={"A": "1"})  # expect: WA503
    Function(scope, "EmptyConst", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment=NOTHING)
    Function(scope, "NoneEnv", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment=None)
    Function(scope, "EmptyDict", runtime=Runtime.PYTHON_3_12, handler="a.h", code=Code.from_asset("a"), environment=dict())
