import requests


def a(url):
    return requests.request("GET", url)


def b(url):
    return requests.Session().get(url)
