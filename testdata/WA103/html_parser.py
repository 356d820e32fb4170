# Checks (negative): HTML parsing (etree.HTMLParser passed as parser, etree.HTML) is left alone.
from lxml import etree

HTML_PARSER = etree.HTMLParser(remove_comments=True)


def handler(event, context):
    page = etree.fromstring(event["html"], HTML_PARSER)
    snippet = etree.HTML(event.get("snippet", "<p/>"))
    title = page.findtext(".//title")
    return {"title": title, "snippet_root": snippet.tag}
