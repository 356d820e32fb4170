# Checks: etree.fromstring(data) with no parser gets parser=etree.XMLParser(resolve_entities=False, no_network=True).
from lxml import etree


def handler(event, context):
    root = etree.fromstring(event["body"].encode("utf-8"))
    return {"tag": root.tag, "count": len(root)}
