# Checks: `import lxml.etree` with qualified calls: M is `lxml.etree`; base_url keyword already present, parser appended after it.
import lxml.etree


def handler(event, context):
    tree = lxml.etree.parse(event["local_path"], base_url="https://feeds.example.com/")
    return {"root": tree.getroot().tag}
