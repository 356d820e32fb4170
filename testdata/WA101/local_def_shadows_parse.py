# Checks (negative): a module-level `def parse(...)` rebinds the name imported from xml.etree.ElementTree, so nothing is rewritten.
import json
from xml.etree.ElementTree import parse  # superseded below; kept for old callers


def parse(raw):
    """Parse the JSON request body (the API no longer accepts XML)."""
    return json.loads(raw)


def handler(event, context):
    payload = parse(event["body"])
    return {"statusCode": 200, "body": json.dumps(payload)}
