import requests
from mylib import get


def a(key, client):
    r = get(key)
    s = client.post(key)
    return r.json(), s.json()


def b(requests):
    r = requests.get("x")
    return r.json()
