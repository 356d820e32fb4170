# Checks (negative): `from xml.sax import *` is reported only, never rewritten.
from xml.sax import *  # noqa: F403


class LinkHandler(ContentHandler):  # noqa: F405
    def __init__(self):
        super().__init__()
        self.links = []

    def startElement(self, name, attrs):
        if name == "link":
            self.links.append(attrs.get("href"))


def handler(event, context):
    links = LinkHandler()
    parseString(event["body"].encode("utf-8"), links)  # noqa: F405
    return {"links": links.links}
