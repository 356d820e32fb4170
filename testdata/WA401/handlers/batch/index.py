"""Order worker: reports the messages it could not process, so only those are retried."""


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            process(record["body"])
        except ValueError:
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}


def process(body):
    if not body:
        raise ValueError("empty order")
