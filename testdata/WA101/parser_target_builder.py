# Checks: `ET.parse(f, parser=ET.XMLParser(target=builder))` with ET.TreeBuilder in use: rule 2, both parse and XMLParser routed.
import xml.etree.ElementTree as ET


def load_manifest(path):
    builder = ET.TreeBuilder()
    with open(path, "rb") as f:
        tree = ET.parse(f, parser=ET.XMLParser(target=builder))
    return tree.getroot()


def handler(event, context):
    root = load_manifest(event["manifest_path"])
    return {"files": [item.get("href") for item in root.iter("file")]}
