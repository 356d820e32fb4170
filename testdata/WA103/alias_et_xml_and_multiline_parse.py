# Checks: alias ET: single-line ET.XML(...) and a multi-line ET.parse(...) whose last argument has a trailing comma.
import os

from lxml import etree as ET

FEED_DIR = os.environ.get("FEED_DIR", "/tmp/feeds")


def load_feed(name):
    return ET.parse(
        os.path.join(FEED_DIR, name),
    )


def handler(event, context):
    header = ET.XML(event["header"])
    feed = load_feed(event["feed_name"])
    return {"source": header.get("source"), "entries": len(feed.getroot())}
