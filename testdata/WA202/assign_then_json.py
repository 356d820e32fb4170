import requests


def handler(event, context):
    r = requests.get(event["url"], timeout=5)
    return r.json()
