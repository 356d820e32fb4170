import aws_cdk as cdk
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_sqs as sqs
from aws_cdk.aws_lambda_event_sources import SqsEventSource
from constructs import Construct


class BillingStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        dlq = sqs.Queue(self, "InvoicesDlq", retention_period=cdk.Duration.days(14))
        invoices = sqs.Queue(
            self,
            "Invoices",
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=3, queue=dlq),
        )
        fn = _lambda.Function(
            self,
            "InvoiceWorker",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("handlers/batch"),
        )
        fn.add_event_source(SqsEventSource(invoices, report_batch_item_failures=True))
