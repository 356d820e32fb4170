# Checks (negative): `ET.fromstring` on a parameter named ET is not the stdlib module; module-level ET only builds elements.
import xml.etree.ElementTree as ET


def make_error(message):
    err = ET.Element("error")
    err.text = message
    return ET.tostring(err, encoding="unicode")


def parse_with(ET, body):
    # ET is the parser backend injected by the caller (e.g. defusedxml.ElementTree)
    return ET.fromstring(body)


def handler(event, context, backend=None):
    if backend is None:
        return {"statusCode": 500, "body": make_error("no XML backend configured")}
    return {"statusCode": 200, "tag": parse_with(backend, event["body"]).tag}
