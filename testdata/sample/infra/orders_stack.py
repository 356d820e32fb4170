"""OrdersStack: invoice intake, supplier sync, reporting and notifications.

Everything the order/invoice processing service needs lives in this one
stack: the Lambda functions, the OrderWorkflow state machine that chains
them, the legacy exporter that finance still depends on, and the
CloudFront function in front of the supplier invoice portal.
"""

from aws_cdk import (
    Duration,
    RemovalPolicy,
    Stack,
    aws_cloudfront as cloudfront,
    aws_iam as iam,
    aws_lambda as _lambda,
    aws_logs as logs,
    aws_sqs as sqs,
    aws_stepfunctions as sfn,
    aws_stepfunctions_tasks as tasks,
)
from aws_cdk.aws_lambda import Function, Runtime, Code
from aws_cdk.aws_lambda_python_alpha import PythonFunction
from constructs import Construct

ERP_BASE_URL = "https://erp.brightleaf.example/api/v2"
PORTAL_URL = "https://suppliers.brightleaf.example/api"


class OrdersStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        # --- Invoice intake -------------------------------------------------
        invoice_parser = _lambda.Function(
            self,
            "InvoiceParser",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="handler.lambda_handler",
            code=_lambda.Code.from_asset("functions/invoice_parser"),
            timeout=Duration.seconds(10),
            memory_size=256,
            environment={
                "ERP_BASE_URL": ERP_BASE_URL,
                "ERP_TENANT": "brightleaf-eu",
                "LOG_LEVEL": "INFO",
            },
        )

        # --- Nightly supplier catalogue sync --------------------------------
        supplier_sync = _lambda.Function(
            self,
            "SupplierSync",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="handler.lambda_handler",
            code=_lambda.Code.from_asset("functions/supplier_sync"),
            timeout=Duration.minutes(15),
            memory_size=512,
            environment={
                "SUPPLIER_PORTAL_URL": PORTAL_URL,
                "SUPPLIER_PORTAL_USER": "svc-orders-sync",
                "REPORT_BUCKET": "brightleaf-supplier-sync-reports",
            }  # polling the portal can take a while, hence the 15 min timeout
        )

        # The sync job writes reports into several buckets that were created
        # by hand; nobody remembers which ones, so it got broad S3 access.
        supplier_sync.add_to_role_policy(
            iam.PolicyStatement(actions=["s3:*"], resources=["*"])
        )

        # --- Monthly spend report (lxml needs Docker bundling) ---------------
        report_builder = PythonFunction(
            self,
            "ReportBuilder",
            entry="functions/report_builder",
            index="handler.py",
            handler="lambda_handler",
            runtime=Runtime.PYTHON_3_12,
            timeout=Duration.minutes(2),
            memory_size=1024,
        )

        # --- Notifications (follows the checklist: DLQ + concurrency cap) ----
        notifier_dlq = sqs.Queue(
            self,
            "NotifierDlq",
            retention_period=Duration.days(14),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
        )
        notifier = _lambda.Function(
            self,
            "Notifier",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="handler.lambda_handler",
            code=_lambda.Code.from_asset("functions/notifier"),
            timeout=Duration.seconds(15),
            dead_letter_queue=notifier_dlq,
            reserved_concurrent_executions=5,
        )

        # Smoke-test endpoint used by the deployment pipeline.
        health_check = Function(self, "NotifierHealthCheck", runtime=Runtime.PYTHON_3_12, handler="handler.health_check", code=Code.from_asset("functions/notifier"))

        # Second probe for the supplier portal, same code, different entry point.
        portal_probe = Function(self, "SupplierPortalProbe",
                                runtime=Runtime.PYTHON_3_12,
                                handler="handler.health_check",
                                code=Code.from_asset("functions/notifier"),
                                timeout=Duration.seconds(20))

        # --- Legacy exporter (imported from the old CloudFormation template) --
        legacy_role = iam.Role(
            self,
            "LegacyExporterRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name("service-role/AWSLambdaBasicExecutionRole"),
            ],
        )
        legacy_role.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"],
                resources=["arn:aws:s3:::brightleaf-finance-exports/*"],
            )
        )
        _lambda.CfnFunction(
            self,
            "LegacyExporter",
            runtime="python3.12",
            handler="exporter.handler",
            role=legacy_role.role_arn,
            timeout=60,
            code=_lambda.CfnFunction.CodeProperty(
                s3_bucket="brightleaf-build-artifacts",
                s3_key="legacy-exporter/exporter-1.8.2.zip",
            ),
        )

        # --- Supplier invoice portal: viewer-request URL rewrite -------------
        # CloudFront Functions are not Lambda functions (no DLQ, no reserved
        # concurrency); they only rewrite /invoices/<id> to the SPA index.
        cloudfront.Function(
            self,
            "InvoicePortalRewrite",
            code=cloudfront.FunctionCode.from_inline(
                "function handler(event) {"
                "  var req = event.request;"
                "  if (req.uri.startsWith('/invoices/')) { req.uri = '/index.html'; }"
                "  return req;"
                "}"
            ),
            runtime=cloudfront.FunctionRuntime.JS_2_0,
            comment="Rewrite deep links of the supplier invoice portal",
        )

        # --- OrderWorkflow: parse -> give the ERP time to settle -> notify ----
        workflow_logs = logs.LogGroup(
            self,
            "OrderWorkflowLogs",
            retention=logs.RetentionDays.ONE_MONTH,
            removal_policy=RemovalPolicy.DESTROY,
        )

        parse_invoice = tasks.LambdaInvoke(
            self,
            "ParseInvoice",
            lambda_function=invoice_parser,
            payload_response_only=True,
            retry_on_service_exceptions=True,
        )
        wait_for_erp = sfn.Wait(
            self,
            "WaitForErpBooking",
            time=sfn.WaitTime.duration(Duration.seconds(30)),
        )
        notify = tasks.LambdaInvoke(
            self,
            "NotifyPurchasing",
            lambda_function=notifier,
            payload_response_only=True,
        )

        sfn.StateMachine(
            self,
            "OrderWorkflow",
            definition_body=sfn.DefinitionBody.from_chainable(
                parse_invoice.next(wait_for_erp).next(notify)
            ),
            timeout=Duration.minutes(10),
            logs=sfn.LogOptions(destination=workflow_logs, level=sfn.LogLevel.ERROR),
        )
