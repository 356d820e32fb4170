# Checks: rule 2 reuses the existing `import defusedxml.ElementTree as DET` binding (DET.fromstring); no import is added.
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as DET


def handler(event, context):
    inbound = DET.fromstring(event["body"])
    legacy = ET.fromstring(event["legacy_body"])
    merged = ET.Element("merged")
    merged.extend([inbound, legacy])
    return {"statusCode": 200, "body": ET.tostring(merged, encoding="unicode")}
