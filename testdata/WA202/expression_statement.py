import requests


def notify(url, message):
    requests.post(url, json={"text": message}, timeout=5)
