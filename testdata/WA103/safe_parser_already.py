# Checks (negative): parsers already built with resolve_entities=False (inline and named) are left alone.
from lxml import etree

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def handler(event, context):
    if event.get("strict"):
        root = etree.fromstring(event["body"], parser=etree.XMLParser(resolve_entities=False, dtd_validation=True))
    else:
        root = etree.fromstring(event["body"], SAFE_PARSER)
    return {"tag": root.tag}
