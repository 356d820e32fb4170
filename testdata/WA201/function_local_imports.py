"""Imports inside the functions: the constant goes after the docstring."""


def a(url):
    import requests

    return requests.get(url)


def b(url):
    from urllib.request import urlopen

    return urlopen(url).read()
