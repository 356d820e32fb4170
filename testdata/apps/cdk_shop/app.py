#!/usr/bin/env python3
"""CDK entry point: storage (queue, bucket, workers) and the public API."""

import aws_cdk as cdk

from stacks.api_stack import ApiStack
from stacks.storage_stack import StorageStack

app = cdk.App()
storage = StorageStack(app, "ShopStorage")
ApiStack(
    app,
    "ShopApi",
    orders_queue=storage.orders_queue,
    ingest_fn=storage.ingest,
    shared_layer=storage.shared_layer,
)
app.synth()
