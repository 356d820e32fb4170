"""Reads order XML from the queue (the partner sends UTF-8 bytes, base64 in the message)."""

import base64
import xml.sax

from shared_utils import OrderHandler


def handler(event, context):
    failures = []
    for record in event["Records"]:
        payload = base64.b64decode(record["body"])
        handler = OrderHandler()
        try:
            xml.sax.parseString(payload, handler)
        except xml.sax.SAXParseException:
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
