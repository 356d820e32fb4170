# Checks: qualified `import xml.etree.ElementTree` with all-compatible chains -> `import defusedxml.ElementTree` and every chain rewritten.
import xml.etree.ElementTree


def handler(event, context):
    root = xml.etree.ElementTree.fromstring(event["body"])
    return {"root": root.tag, "text": xml.etree.ElementTree.tostring(root, encoding="unicode")}
