# Checks: when every name of a from-import is a parse entry, the module path is swapped in place (comment kept).
from xml.etree.ElementTree import fromstring, iterparse  # both are parse entry points


def handler(event, context):
    if event.get("stream_path"):
        return {"count": sum(1 for _ in iterparse(event["stream_path"]))}
    root = fromstring(event["body"])
    return {"count": len(list(root))}
