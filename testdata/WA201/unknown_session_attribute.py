import requests


def make_session():
    return requests.Session()


class A:
    def __init__(self, session=None):
        self.session = session or requests.Session()

    def fetch(self, url):
        return self.session.get(url)


class B:
    def __init__(self):
        self.session = make_session()

    def fetch(self, url):
        return self.session.get(url)


def c(session, url):
    return session.get(url)
