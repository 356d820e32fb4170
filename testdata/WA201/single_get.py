import requests


def handler(event, context):
    r = requests.get(event["url"])
    return r.json()
