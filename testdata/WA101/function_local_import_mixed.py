# Checks: function-local stdlib import that also needs the stdlib (ET.Element): `import defusedxml.ElementTree` goes after the top import block.
import json
import logging

logger = logging.getLogger(__name__)


def build_reply(body):
    import xml.etree.ElementTree as ET

    request = ET.fromstring(body)
    reply = ET.Element("reply")
    ET.SubElement(reply, "echo").text = request.findtext("message")
    return ET.tostring(reply, encoding="unicode")


def handler(event, context):
    logger.info("request received")
    return {"statusCode": 200, "body": json.dumps({"xml": build_reply(event["body"])})}
