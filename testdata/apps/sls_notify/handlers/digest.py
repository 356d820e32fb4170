def run(event, context):
    return {"sent": 0}
