#!/usr/bin/env python3
"""CDK entry point for the Brightleaf order / invoice processing service."""

import os

import aws_cdk as cdk

from infra.orders_stack import OrdersStack

app = cdk.App()
OrdersStack(
    app,
    "BrightleafOrders",
    env=cdk.Environment(
        account=os.environ.get("CDK_DEFAULT_ACCOUNT"),
        region=os.environ.get("CDK_DEFAULT_REGION", "eu-central-1"),
    ),
    description="Order and invoice processing (invoice intake, supplier sync, reports)",
)
cdk.Tags.of(app).add("project", "orders")
cdk.Tags.of(app).add("owner", "purchasing-platform")
app.synth()
