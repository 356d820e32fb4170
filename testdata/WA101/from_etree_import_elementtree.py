# Checks: `from xml.etree import ElementTree as ET` with only ET.parse/ET.iterparse becomes `from defusedxml import ElementTree as ET`.
import os
from xml.etree import ElementTree as ET

CONFIG_PATH = os.environ.get("CONFIG_PATH", "/opt/config.xml")


def load_settings():
    tree = ET.parse(CONFIG_PATH)
    return {child.tag: child.text for child in tree.getroot()}


def count_items(path):
    return sum(1 for _event, elem in ET.iterparse(path) if elem.tag == "item")


def handler(event, context):
    return {"settings": load_settings(), "items": count_items(event["path"])}
