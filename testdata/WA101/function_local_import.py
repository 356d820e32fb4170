# Checks: a function-local `import xml.etree.ElementTree as ET` with compatible uses is swapped in place (binding is local).
import json


def parse_order(body):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(body)
    return {"order_id": root.get("id"), "lines": len(root.findall("line"))}


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps(parse_order(event["body"]))}
