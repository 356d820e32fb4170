import requests

session = requests.Session()
session.headers["Accept"] = "application/json"


def fetch(url):
    return session.get(url)
