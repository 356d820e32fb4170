import requests


def a(url):
    r = requests.get(url, timeout=5)
    if r.status_code == 404:
        return None
    return r.json()


def b(url):
    r = requests.get(url, timeout=5)
    data = r.json()
    if r.status_code >= 400:
        raise RuntimeError(data)
    return data
