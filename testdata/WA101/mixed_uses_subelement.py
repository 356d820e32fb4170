# Checks: mixed uses (ET.fromstring + ET.Element/ET.SubElement) keep the stdlib import; only ET.fromstring is routed to defusedxml.
import xml.etree.ElementTree as ET


def handler(event, context):
    incoming = ET.fromstring(event["body"])
    response = ET.Element("response")
    status = ET.SubElement(response, "status")
    status.text = "ok" if incoming.find("payload") is not None else "empty"
    return {"statusCode": 200, "body": ET.tostring(response, encoding="unicode")}
