import requests


def a(url):
    requests.get(url, timeout=5).raise_for_status()


def b(url):
    r = requests.post(url, timeout=5)
    r.raise_for_status()
    return r.json()


def c(url):
    with requests.get(url, timeout=5, stream=True) as r:
        r.raise_for_status()
        return r.raw.read()


def d(url):
    return requests.head(url, timeout=5).status_code
