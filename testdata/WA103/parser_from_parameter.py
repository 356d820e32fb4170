# Checks (negative): the parser comes from a function parameter (defined elsewhere), so nothing is rewritten.
from lxml import etree


def parse_document(data, parser):
    return etree.fromstring(data, parser)


def parse_file(path, parser):
    return etree.parse(path, parser=parser)


def handler(event, context, parser=None):
    root = parse_document(event["body"], parser or context.xml_parser)
    return {"tag": root.tag}
