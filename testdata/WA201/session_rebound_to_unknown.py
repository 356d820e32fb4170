import requests

from .clients import make_client

s = requests.Session()
if __debug__:
    s = make_client()


def fetch(url):
    # `s` may not be a Session: wafix does not guess.
    return s.get(url)
