import requests

HTTP_TIMEOUT_SECONDS = 5


def fetch(url):
    return requests.get(url)
