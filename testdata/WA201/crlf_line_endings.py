import requests


def fetch(url):
    return requests.get(
        url,
    )


def send(url, body):
    requests.post(url, data=body)
