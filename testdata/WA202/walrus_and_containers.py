import requests


def a(url):
    if (r := requests.get(url, timeout=5)).ok:
        return r.json()
    return None


def b(urls):
    return [requests.get(u, timeout=5) for u in urls]
