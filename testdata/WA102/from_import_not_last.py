# Checks: xmlrpc from-import is not the last top import: defusedxml import right after it, monkey_patch() after the last import.
import json
from xmlrpc.client import Fault, ServerProxy
import logging
import os

logger = logging.getLogger()


def handler(event, context):
    proxy = ServerProxy(os.environ["BILLING_RPC_URL"])
    try:
        invoice = proxy.invoices.create(event["customer_id"], event["amount"])
    except Fault as fault:
        logger.error("billing fault: %s", fault.faultString)
        return {"statusCode": 502}
    return {"statusCode": 200, "body": json.dumps({"invoice": invoice})}
