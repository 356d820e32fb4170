import requests


def stream(url):
    # A deliberate None is reported for a human, not rewritten.
    return requests.get(url, stream=True, timeout=None)
