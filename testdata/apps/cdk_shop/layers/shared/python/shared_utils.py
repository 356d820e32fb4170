"""Code shared by the functions through the SharedLayer."""

import xml.sax
from xml.dom import minidom


class OrderHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.orders = []

    def startElement(self, name, attrs):
        if name == "order":
            self.orders.append(dict(attrs))


def pretty(xml_text):
    return minidom.parseString(xml_text).toprettyxml()
