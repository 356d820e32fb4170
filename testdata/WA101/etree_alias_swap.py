# Checks: `import xml.etree.ElementTree as ET` used only via ET.fromstring/ET.ParseError is swapped in place.
import json
import xml.etree.ElementTree as ET


def handler(event, context):
    try:
        root = ET.fromstring(event["body"])
    except ET.ParseError as exc:
        return {"statusCode": 400, "body": json.dumps({"error": str(exc)})}
    return {"statusCode": 200, "body": json.dumps({"tag": root.tag})}
