import urllib.request

import requests

TIMEOUT = 4


def a(url):
    return requests.get(url, timeout=TIMEOUT)


def b(url):
    return requests.post(url, json={}, timeout=(3.05, 27))


def c(session: requests.Session, url):
    # Session.request(method, url, params, data, headers, cookies, files, auth, timeout)
    return session.request("GET", url, None, None, None, None, None, None, 5)


def d(url):
    return urllib.request.urlopen(url, None, 5).read()
