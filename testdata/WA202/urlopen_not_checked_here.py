from urllib.request import urlopen

import httpx


def a(url):
    # urlopen raises HTTPError for 4xx/5xx by itself.
    return urlopen(url, timeout=5).read()


def b(url):
    r = httpx.get(url)
    return r.json()
