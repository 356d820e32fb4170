#!/usr/bin/env python3
import aws_cdk as cdk

from stacks.queues import QueuesStack
from stacks.workers import WorkersStack

app = cdk.App()
queues = QueuesStack(app, "Queues")
WorkersStack(app, "Workers", orders_queue=queues.orders_queue, clicks=queues.clicks)
app.synth()
