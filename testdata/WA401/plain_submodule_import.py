from aws_cdk import Stack, aws_lambda


class S(Stack):
    def __init__(self, scope, id, code):
        super().__init__(scope, id)
        self.fn = aws_lambda.Function(
            self, "Fn",
            runtime=aws_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=code,
        )
