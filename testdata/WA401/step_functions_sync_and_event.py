from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_stepfunctions_tasks as tasks
from constructs import Construct


class FlowStack(Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        validate = _lambda.Function(
            self,
            "Validate",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("handlers/plain"),
        )
        notify = _lambda.Function(
            self,
            "Notify",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("handlers/plain"),
        )
        check = tasks.LambdaInvoke(self, "ValidateOrder", lambda_function=validate)
        tell = tasks.LambdaInvoke(
            self,
            "NotifyCustomer",
            lambda_function=notify,
            invocation_type=tasks.LambdaInvocationType.EVENT,
        )
        sfn.StateMachine(self, "Flow", definition_body=sfn.DefinitionBody.from_chainable(check.next(tell)))
