# Checks: minidom.parseString + minidom.Document() -> stdlib import kept, `import defusedxml.minidom` added, parseString routed.
from xml.dom import minidom
import json


def handler(event, context):
    request = minidom.parseString(event["body"])
    name = request.documentElement.getAttribute("name")
    reply = minidom.Document()
    greeting = reply.createElement("greeting")
    greeting.appendChild(reply.createTextNode("hello " + name))
    reply.appendChild(greeting)
    return {"statusCode": 200, "body": json.dumps({"xml": reply.toxml()})}
