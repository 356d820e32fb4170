# Checks (negative): parse functions already come from defusedxml; stdlib is used only for building/serializing.
import defusedxml.ElementTree as ET
from defusedxml.minidom import parseString
from xml.etree.ElementTree import Element, tostring


def handler(event, context):
    if event.get("format") == "dom":
        doc = parseString(event["body"])
        return {"root": doc.documentElement.tagName}
    root = ET.fromstring(event["body"])
    wrapper = Element("wrapper")
    wrapper.append(root)
    return {"body": tostring(wrapper, encoding="unicode")}
