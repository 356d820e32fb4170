import requests


def a(url):
    return requests.get(url)


def b(url):
    return requests.options(url)


def c(url):
    HTTP_TIMEOUT_SECONDS = "local"
    return requests.patch(url, data=HTTP_TIMEOUT_SECONDS)
