import requests


def two(a, b):
    r = requests.get(a, timeout=5)
    if not r.ok:
        return None
    r = requests.get(b, timeout=5)
    return r.text
