# Checks: a function-local parser variable bound once to ET.XMLParser(recover=True) and passed as parser= gets resolve_entities=False.
from lxml import etree as ET


def handler(event, context):
    parser = ET.XMLParser(recover=True)
    tree = ET.parse(event["local_path"], parser=parser)
    return {"root": tree.getroot().tag, "errors": len(parser.error_log)}
