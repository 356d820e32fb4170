import requests


def fetch(url):
    # The callers check status_code themselves: raising here would change what they see.
    response = requests.get(url, timeout=5)
    return response


def fetch_direct(url):
    return requests.get(url, timeout=5)


def stream(urls):
    for url in urls:
        r = requests.get(url, timeout=5)
        yield r


def caller(url):
    response = fetch(url)
    if response.status_code == 404:
        return None
    return response.json()
