# Checks (negative): only non-parse names (Element, SubElement, tostring, register_namespace, indent) are used: nothing to fix.
import xml.etree.ElementTree as ET
from xml.etree.ElementTree import Element, SubElement, tostring

ET.register_namespace("s3", "http://s3.amazonaws.com/doc/2006-03-01/")


def handler(event, context):
    result = Element("{http://s3.amazonaws.com/doc/2006-03-01/}ListBucketResult")
    for key in event.get("keys", []):
        SubElement(result, "Key").text = key
    ET.indent(result)
    return {"statusCode": 200, "body": tostring(result, encoding="unicode")}
