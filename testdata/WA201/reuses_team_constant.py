import requests

HTTP_TIMEOUT = (3.05, 10)  # connect, read


def notify(url, message):
    requests.post(url, json={"text": message}, timeout=HTTP_TIMEOUT)


def health(url):
    return requests.get(f"{url}/health")
