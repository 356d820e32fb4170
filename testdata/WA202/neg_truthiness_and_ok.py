import requests


def a(url):
    r = requests.get(url, timeout=5)
    data = r.json()
    if not r.ok:
        raise RuntimeError(data)
    return data


def b(url):
    r = requests.get(url, timeout=5)
    if r:
        print(r.text)


def c(url):
    r = requests.get(url, timeout=5)
    if r.status_code != requests.codes.ok:
        print("failed", r.text)
    return r.text
