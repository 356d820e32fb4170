# Checks: in `import json, xml.etree.ElementTree as ET  # comment` only the module path text changes.
import json, xml.etree.ElementTree as ET  # XML payloads from the partner API


def handler(event, context):
    doc = ET.fromstring(event["body"].encode("utf-8"))
    return {"statusCode": 200, "body": json.dumps({"id": doc.findtext("id")})}
