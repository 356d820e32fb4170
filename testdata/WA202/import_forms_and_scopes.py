import requests as r
from requests import Session as S
from requests import get


def plain(url):
    resp = r.get(url, timeout=5)
    return resp.json()["id"]


def from_import(url):
    resp = get(url, timeout=5)
    return resp.text


class Gateway:
    def __init__(self):
        self.session = S()

    def fetch(self, url):
        resp = self.session.post(url, timeout=5)
        return resp.content


def outer(urls):
    def inner(url):
        resp = r.get(url, timeout=5)
        return resp.json()

    return [inner(u) for u in urls]
