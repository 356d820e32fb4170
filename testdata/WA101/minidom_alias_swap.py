# Checks: `import xml.dom.minidom as md` used only via md.parse/md.parseString is swapped to `import defusedxml.minidom as md`.
import xml.dom.minidom as md


def read_svg(path):
    return md.parse(path).documentElement.getAttribute("viewBox")


def handler(event, context):
    if "svg_path" in event:
        return {"viewBox": read_svg(event["svg_path"])}
    doc = md.parseString(event["body"])
    return {"viewBox": doc.documentElement.getAttribute("viewBox")}
