import requests


def load(url):
    r = requests.get(url, timeout=5)
    r.raise_for_status
    print(r.json())
