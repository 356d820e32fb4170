# Checks (negative): ET is bound both to lxml and to the stdlib (try/except ImportError fallback) -> no change.
try:
    from lxml import etree as ET
except ImportError:
    import xml.etree.ElementTree as ET


def handler(event, context):
    root = ET.fromstring(event["body"])
    return {"tag": root.tag, "children": len(root)}
