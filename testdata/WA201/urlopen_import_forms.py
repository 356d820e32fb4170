import urllib.request
import urllib.request as ur
from urllib import request
from urllib.request import urlopen as open_url


def a(url):
    return urllib.request.urlopen(url).read()


def b(url):
    return ur.urlopen(url, b"payload").read()


def c(req):
    with request.urlopen(req) as resp:
        return resp.read()


def d(url):
    return open_url(url).status
