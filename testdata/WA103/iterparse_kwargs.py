# Checks: iterparse gets resolve_entities=False, no_network=True appended, each only if absent (second call already has no_network).
from lxml import etree


def count_records(path):
    return sum(1 for _ in etree.iterparse(path, events=("end",), tag="record"))


def first_id(path):
    for _event, elem in etree.iterparse(path, tag="id", no_network=True):
        return elem.text
    return None


def handler(event, context):
    return {"records": count_records(event["path"]), "first": first_id(event["path"])}
