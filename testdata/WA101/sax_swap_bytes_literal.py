# Checks: `from xml import sax` used only via sax.parseString(b"...") and sax.make_parser() is swapped to `from defusedxml import sax`.
from xml import sax
from xml.sax.handler import ContentHandler


class Counter(ContentHandler):
    def __init__(self):
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        self.count += 1


def handler(event, context):
    counter = Counter()
    sax.parseString(b"<health><ok/></health>", counter)
    parser = sax.make_parser()
    parser.setContentHandler(counter)
    parser.parse(event["path"])
    return {"elements": counter.count}
