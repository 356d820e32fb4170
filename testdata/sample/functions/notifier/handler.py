"""Order notifier.

Last step of the OrderWorkflow state machine: tells the purchasing team's
chat channel that an invoice was booked.  Also exposes a tiny health check
used by the deployment pipeline's smoke test.

This function follows the team's checklist: the webhook token lives in
Secrets Manager, every HTTP call has a timeout and HTTP errors are raised.
"""

import json
import logging
import os
from functools import lru_cache

import boto3
import requests

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

WEBHOOK_URL = os.environ.get("WEBHOOK_URL", "https://chat.brightleaf.example/hooks/purchasing")
WEBHOOK_SECRET_ID = os.environ.get("WEBHOOK_SECRET_ID", "orders/notifier/webhook-token")
HTTP_TIMEOUT = (3.05, 10)  # connect, read (seconds)

secrets = boto3.client("secretsmanager")


@lru_cache(maxsize=1)
def webhook_token():
    """Fetch the webhook token once per execution environment."""
    value = secrets.get_secret_value(SecretId=WEBHOOK_SECRET_ID)["SecretString"]
    return json.loads(value)["token"]


def format_message(booking):
    return (
        f"Invoice {booking['invoiceId']} from {booking['supplierId']} booked "
        f"({booking['total']} {booking['currency']}, ERP ref {booking['erpReference']})."
    )


def lambda_handler(event, context):
    message = format_message(event)
    resp = requests.post(
        WEBHOOK_URL,
        json={"text": message},
        headers={"Authorization": f"Bearer {webhook_token()}"},
        timeout=HTTP_TIMEOUT,
    )
    resp.raise_for_status()
    logger.info("notified purchasing about %s", event["invoiceId"])
    return {"notified": True, "invoiceId": event["invoiceId"]}


def health_check(event, context):
    """Smoke test: can we reach the chat service at all?"""
    resp = requests.get(f"{WEBHOOK_URL}/health", timeout=HTTP_TIMEOUT)
    resp.raise_for_status()
    return {"status": "ok", "chat": resp.json().get("status", "unknown")}
