import requests


def HTTP_TIMEOUT_SECONDS():
    return 4


def a(url):
    return requests.get(url)


def b(url):
    return requests.delete(url)
