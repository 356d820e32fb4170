"""A handler with one fixable finding, one silenced and one that needs a human."""
import xml.etree.ElementTree as ET
from xml.sax import *


def lambda_handler(event, context):
    order = ET.fromstring(event["body"])
    legacy = ET.fromstring(event["legacy"])  # wafix: ignore[WA101]
    parseString(event["raw"], None)
    return ET.Element(order.tag), legacy
