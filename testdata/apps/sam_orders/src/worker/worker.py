from xml.dom import minidom


def handle(event, context):
    for record in event.get("Records", []):
        doc = minidom.parseString(record["body"])
        print(doc.documentElement.tagName)
    return {"batchItemFailures": []}
