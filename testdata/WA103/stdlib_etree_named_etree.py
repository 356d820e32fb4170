# Checks (negative): `etree` here is xml.etree.ElementTree, not lxml, so WA103 must not touch it.
import xml.etree.ElementTree as etree


def handler(event, context):
    root = etree.fromstring(event["body"])
    tree = etree.parse(event["local_path"])
    return {"tag": root.tag, "file_root": tree.getroot().tag}
