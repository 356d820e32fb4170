def record(event, context):
    return len(event.get("Records", []))
