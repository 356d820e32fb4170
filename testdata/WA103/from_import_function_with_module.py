# Checks: from-imported `fromstring` when `from lxml import etree` also exists: the existing module binding is used (etree.XMLParser).
from lxml import etree
from lxml.etree import fromstring


def handler(event, context):
    root = fromstring(event["body"])
    return {"statusCode": 200, "body": etree.tostring(root, pretty_print=True).decode()}
