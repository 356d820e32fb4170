import requests

API_TOKEN = "FdnXsiVpzz63Ff\x6bCzJr4i0B3JrTAwR4z"


def call(url):
    return requests.get(url, headers={"Authorization": "Bearer " + API_TOKEN}, timeout=5)
