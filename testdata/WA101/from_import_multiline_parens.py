# Checks: a parse name is removed from a parenthesised multi-line from-import (its line and comment deleted) and re-imported from defusedxml.
from xml.etree.ElementTree import (
    Element,
    SubElement,
    fromstring,  # incoming SOAP envelope
    tostring,
)


def handler(event, context):
    envelope = fromstring(event["body"])
    ack = Element("ack")
    SubElement(ack, "ref").text = envelope.findtext("ref")
    return {"statusCode": 200, "body": tostring(ack, encoding="unicode")}
