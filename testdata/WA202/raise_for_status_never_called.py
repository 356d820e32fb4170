import requests


def load(url):
    r = requests.get(url, timeout=5)
    r.raise_for_status
    print(r.json())


def fetch(url):
    # Returned to the caller, but the author meant to check it here.
    r = requests.get(url, timeout=5)
    r.raise_for_status
    return r
