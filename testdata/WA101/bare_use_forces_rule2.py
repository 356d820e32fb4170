# Checks: the module alias is also passed bare (`serialize(ET, ...)`), so it cannot be swapped: rule 2 routes only ET.fromstring.
import xml.etree.ElementTree as ET


def serialize(backend, root):
    return backend.tostring(root, encoding="unicode")


def handler(event, context):
    root = ET.fromstring(event["body"])
    root.set("processed", "true")
    return {"statusCode": 200, "body": serialize(ET, root)}
