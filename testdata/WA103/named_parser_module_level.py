# Checks: a module-level PARSER bound once to a multi-line etree.XMLParser(...) (trailing comma) gets resolve_entities=False on a new line.
from lxml import etree

PARSER = etree.XMLParser(
    remove_blank_text=True,
    huge_tree=True,
)


def handler(event, context):
    root = etree.fromstring(event["body"].encode("utf-8"), PARSER)
    return {"tag": root.tag, "children": len(root)}
