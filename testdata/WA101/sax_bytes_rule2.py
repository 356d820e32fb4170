# Checks: sax.parseString whose first argument is a `.encode(...)` call is routed; sax.ContentHandler (stdlib only) forces rule 2.
from xml import sax


class ItemHandler(sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.titles = []

    def startElement(self, name, attrs):
        if name == "item":
            self.titles.append(attrs.get("title", ""))


def handler(event, context):
    collector = ItemHandler()
    sax.parseString(event["body"].encode("utf-8"), collector)
    return {"titles": collector.titles}
