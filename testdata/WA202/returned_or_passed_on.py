import requests


def a(url):
    return requests.get(url, timeout=5)


def b(url):
    r = requests.get(url, timeout=5)
    return r


def c(url, handle):
    r = requests.get(url, timeout=5)
    handle(r)


def d(url, handle):
    handle(requests.get(url, timeout=5))


def e(url):
    r = requests.get(url, timeout=5)
    return {"response": r}


class Holder:
    def fetch(self, url):
        self.last = requests.get(url, timeout=5)
