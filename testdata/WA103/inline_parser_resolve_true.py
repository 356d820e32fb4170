# Checks: an inline positional etree.XMLParser(resolve_entities=True, ...) parser gets resolve_entities=False (value changed in place).
from lxml import etree


def handler(event, context):
    root = etree.fromstring(event["body"], etree.XMLParser(resolve_entities=True, huge_tree=True))
    return {"tag": root.tag}
