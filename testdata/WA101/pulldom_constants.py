# Checks: pulldom.parseString + pulldom.START_ELEMENT (not exported by defusedxml.pulldom) -> rule 2 with `import defusedxml.pulldom`.
from xml.dom import pulldom


def handler(event, context):
    titles = []
    events = pulldom.parseString(event["body"])
    for kind, node in events:
        if kind == pulldom.START_ELEMENT and node.tagName == "title":
            events.expandNode(node)
            titles.append(node.firstChild.data if node.firstChild else "")
    return {"titles": titles}
