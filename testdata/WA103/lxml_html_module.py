# Checks (negative): lxml.html.fromstring / parse (not lxml.etree) are left alone.
import lxml.html
from lxml import html


def handler(event, context):
    page = html.fromstring(event["html"])
    saved = lxml.html.parse(event["cached_path"]) if "cached_path" in event else None
    links = [a.get("href") for a in page.iter("a")]
    return {"links": links, "cached_title": saved.findtext(".//title") if saved else None}
