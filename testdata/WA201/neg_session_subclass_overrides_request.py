import functools

import requests


class TimeoutSession(requests.Session):
    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", 3)
        return super().request(method, url, **kwargs)


class ApiSession(TimeoutSession):
    base = "https://api.example.com"


def handler(event, context):
    session = ApiSession()
    return session.get(event["url"]).json()


def wrapped(url):
    s = requests.Session()
    s.request = functools.partial(s.request, timeout=3)
    return s.get(url)


def with_block(url):
    with TimeoutSession() as s:
        return s.get(url)
