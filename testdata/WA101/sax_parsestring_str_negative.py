# Checks (negative): sax.parseString with a str first argument is not rewritten (defusedxml needs bytes); report only.
from xml import sax
from xml.sax.handler import ContentHandler


class TagCollector(ContentHandler):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def startElement(self, name, attrs):
        self.tags.add(name)


def handler(event, context):
    payload = event["body"]
    collector = TagCollector()
    sax.parseString(payload, collector)
    return {"tags": sorted(collector.tags)}
