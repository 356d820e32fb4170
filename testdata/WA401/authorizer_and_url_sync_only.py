from aws_cdk import Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_lambda as _lambda
from constructs import Construct


class EdgeStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        auth_fn = _lambda.Function(self, "Authorizer", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=_lambda.Code.from_asset("handlers/plain"))
        apigw.TokenAuthorizer(self, "TokenAuth", handler=auth_fn)
        webhook = _lambda.Function(self, "Webhook", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=_lambda.Code.from_asset("handlers/plain"))
        webhook.add_function_url(auth_type=_lambda.FunctionUrlAuthType.NONE)
