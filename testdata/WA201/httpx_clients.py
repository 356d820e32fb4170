import httpx


def handler(event, context):
    with httpx.Client() as client:
        a = client.get(event["url"])
    with httpx.Client(timeout=None) as client:
        b = client.get(event["url"])
    unbounded = httpx.AsyncClient(timeout=None)
    return a, b, unbounded, httpx.get(event["url"], timeout=None)
