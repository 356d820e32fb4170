import requests

NO_TIMEOUT = None
SETTINGS = {"timeout": 5}


def stream(url):
    return requests.get(url, stream=True, timeout=NO_TIMEOUT)


def a(url):
    return requests.get(url)
