"""feedkit 1.4.0 (vendored by pip install -t layers/deps/python)."""

from xml.dom import minidom


def parse(text):
    return minidom.parseString(text)
