import requests

SETTINGS = {
    "region": "eu-west-1",
    "api_key": "FdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y",
    "timeout": 5,
}


def fetch(path):
    return requests.get(path, headers={"x-api-key": SETTINGS["api_key"]}, timeout=SETTINGS["timeout"])
