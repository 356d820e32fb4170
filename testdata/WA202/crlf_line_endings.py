import requests


def fetch(url):
    r = requests.get(url, timeout=5)
    return r.json()


def send(url, body):
    requests.post(url, data=body, timeout=5)
