# Checks: `import xml.etree.cElementTree as ET` with all-compatible uses becomes `import defusedxml.ElementTree as ET` (never defusedxml.cElementTree).
import xml.etree.cElementTree as ET


def handler(event, context):
    root = ET.XML(event["body"])
    names = [node.get("name") for node in root.iter("user")]
    return {"users": names, "raw": ET.tostring(root, encoding="unicode")}
