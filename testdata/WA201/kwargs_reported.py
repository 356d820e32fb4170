import requests


def call(url, **kwargs):
    return requests.get(url, **kwargs)


def call_args(*args):
    return requests.post(*args)
