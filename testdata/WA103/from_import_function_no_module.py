# Checks: from-imported `fromstring` with no module binding: XMLParser appended to that from-import and used bare.
from lxml.etree import fromstring, tostring


def handler(event, context):
    root = fromstring(event["body"])
    root.set("seen", "1")
    return {"statusCode": 200, "body": tostring(root).decode()}
