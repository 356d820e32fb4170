# Checks (negative): xml.etree / minidom appear only in comments and string literals.
import json

# We used to call xml.etree.ElementTree.fromstring(body) here; the API now speaks JSON.
HELP = "Send JSON. XML (xml.dom.minidom.parseString) is no longer supported."
LEGACY_EXAMPLE = """
import xml.etree.ElementTree as ET
root = ET.fromstring(payload)
"""


def handler(event, context):
    if event.get("body", "").lstrip().startswith("<"):
        return {"statusCode": 415, "body": HELP}
    return {"statusCode": 200, "body": json.dumps(json.loads(event["body"]))}
