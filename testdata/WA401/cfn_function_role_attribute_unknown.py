from aws_cdk import Stack, aws_lambda as _lambda


class LegacyStack(Stack):
    def __init__(self, scope, id, code, props):
        super().__init__(scope, id)
        # props.exec_role may be a role or a plain object carrying an ARN: wafix cannot tell.
        _lambda.CfnFunction(self, "Exporter", role=props.exec_role.role_arn, code=code)
