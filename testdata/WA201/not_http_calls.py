import requests
from mylib import get

cache = {}


def lookup(key, requests_like):
    a = cache.get(key)
    b = get(key)
    c = requests_like.get(key)
    return a, b, c


def shadowed(requests):
    return requests.get("key")


class Store:
    def __init__(self):
        self.session = {}

    def read(self, key):
        return self.session.get(key)


def exceptions():
    return requests.exceptions.Timeout
