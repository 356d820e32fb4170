import requests


def a(url):
    r = requests.get(url, timeout=5)
    if not r:
        return None
    return r.json()


def b(url):
    r = requests.get(url, timeout=5)
    assert r.ok, r.text
    return r.json()


def c(url):
    resp = requests.get(url, timeout=5)
    return resp.json() if resp else None
