from aws_cdk import Stack, aws_lambda as _lambda


class WorkerStack(Stack):
    def __init__(self, scope, construct_id, key, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        worker = _lambda.Function(  # expect: WA503
            self,
            "Worker",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
        )
        worker.add_environment("QUEUE", "jobs")

        self.reporter = _lambda.Function(  # expect: WA503
            self,
            "Reporter",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
        )
        self._configure()

        sealed = _lambda.Function(
            self,
            "Sealed",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
            environment_encryption=key,
        )
        sealed.add_environment("QUEUE", "jobs")

        quiet = _lambda.Function(
            self,
            "Quiet",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
        )
        quiet.add_permission("Invoke", principal=None)

    def _configure(self):
        self.reporter.add_environment("BUCKET", "reports")
