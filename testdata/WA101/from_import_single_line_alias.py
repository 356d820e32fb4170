# Checks: single-line from-import: parse names (one aliased) move to a defusedxml from-import; ParseError and tostring stay.
from xml.etree.ElementTree import ParseError, fromstring, tostring, parse as parse_file


def handler(event, context):
    try:
        if "path" in event:
            root = parse_file(event["path"]).getroot()
        else:
            root = fromstring(event["body"])
    except ParseError:
        return {"statusCode": 400, "body": "malformed XML"}
    return {"statusCode": 200, "body": tostring(root, encoding="unicode")}
