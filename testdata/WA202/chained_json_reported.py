import requests


def load(url):
    # The split into two statements is an unsafe fix: reported, not applied by default.
    return requests.get(url, timeout=5).json()


def cond(url, fast):
    return requests.get(url, timeout=5).json() if fast else None
