# Checks: multi-line call, last argument without trailing comma but with a comment: comma added before the comment, new line has no comma.
from lxml import etree


def handler(event, context):
    doc = etree.XML(
        event["body"].encode(),
        base_url=event.get("source_url")  # used to resolve relative hrefs
    )
    return {"links": [a.get("href") for a in doc.iter("link")]}
