import requests as r
from requests import Session as S
from requests import get

SESSION = r.Session()


def plain(url):
    return r.get(url)


def from_import(url):
    return get(url)


def module_session(url):
    return SESSION.post(url, json={})


class Gateway:
    def __init__(self):
        self.session = S()

    def fetch(self, url):
        return self.session.get(url)


def outer(urls):
    def inner(url):
        return r.head(url)

    return [inner(u) for u in urls]
