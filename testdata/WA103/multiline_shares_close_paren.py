# Checks: multi-line call whose last argument shares its line with `)`: new argument on its own line, aligned with the last argument.
from lxml import etree


def handler(event, context):
    tree = etree.parse(event["local_path"],
                       base_url=event["base_url"])
    return {"root": tree.getroot().tag}
