# Checks: minidom.parseString inside `try` with `except ExpatError` (what minidom raises for malformed XML) gets the handler note.
from xml.dom import minidom
from xml.parsers.expat import ExpatError


def handler(event, context):
    try:
        request = minidom.parseString(event["body"])
    except ExpatError:
        return {"statusCode": 400}
    reply = minidom.Document()
    reply.appendChild(reply.createElement(request.documentElement.tagName))
    return {"statusCode": 200, "body": reply.toxml()}
