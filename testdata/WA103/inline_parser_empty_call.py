# Checks: inline `parser=etree.XMLParser()` (empty call) becomes etree.XMLParser(resolve_entities=False); no no_network added.
from lxml import etree


def handler(event, context):
    tree = etree.parse(event["local_path"], parser=etree.XMLParser())
    return {"root": tree.getroot().tag}
