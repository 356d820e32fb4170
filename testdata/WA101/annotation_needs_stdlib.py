# Checks: an annotation `ET.Element` is a stdlib-only use, so rule 2 applies (stdlib import kept, ET.parse routed).
import xml.etree.ElementTree as ET
from typing import Optional


def find_bucket(root: ET.Element) -> Optional[str]:
    return root.findtext("bucket")


def handler(event, context):
    tree = ET.parse(event["local_path"])
    return {"bucket": find_bucket(tree.getroot())}
