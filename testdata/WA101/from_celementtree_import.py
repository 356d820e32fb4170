# Checks: `from xml.etree import cElementTree as ET` with all-compatible uses becomes `from defusedxml import ElementTree as ET`.
import base64
from xml.etree import cElementTree as ET


def handler(event, context):
    raw = base64.b64decode(event["body"]) if event.get("isBase64Encoded") else event["body"]
    root = ET.fromstring(raw)
    return {"statusCode": 200, "body": root.findtext("status", default="unknown")}
