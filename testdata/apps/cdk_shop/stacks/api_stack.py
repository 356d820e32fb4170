"""The public API; it also wires the ingest worker to the orders queue."""

import aws_cdk.aws_lambda as lambda_
from aws_cdk import Duration, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_iam as iam
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk.aws_lambda_event_sources import SqsEventSource
from constructs import Construct


class ApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, orders_queue, ingest_fn, shared_layer, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        payment_key = secretsmanager.Secret.from_secret_name_v2(self, "PaymentKey", "shop/payment-provider")

        self.api_handler = lambda_.Function(
            self,
            "ApiHandler",
            runtime=lambda_.Runtime.PYTHON_3_12,
            code=lambda_.Code.from_asset("functions/api"),
            handler="handler.main",
            timeout=Duration.seconds(10),
            reserved_concurrent_executions=20,
            layers=[shared_layer],
            environment={
                "QUEUE_URL": orders_queue.queue_url,
                "PAYMENT_SECRET": payment_key.secret_name,
            },
        )
        payment_key.grant_read(self.api_handler)
        orders_queue.grant_send_messages(self.api_handler)
        self.api_handler.add_to_role_policy(
            iam.PolicyStatement(actions=["dynamodb:GetItem", "dynamodb:PutItem"], resources=["*"])
        )

        api = apigw.RestApi(self, "ShopRestApi")
        orders = api.root.add_resource("orders")
        orders.add_method("POST", apigw.LambdaIntegration(self.api_handler))

        # The ingest worker is built in the storage stack and fed from the queue here.
        ingest_fn.add_event_source(SqsEventSource(orders_queue, batch_size=10, report_batch_item_failures=True))
