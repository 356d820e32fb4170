import requests

BOOT = requests.get("http://127.0.0.1:9/boot")


def a(url):
    return requests.get(url)


HTTP_TIMEOUT_SECONDS = 3
