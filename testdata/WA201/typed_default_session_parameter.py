import requests


def fetch(url, session: requests.Session = None):
    session = session
    return requests.get(url)


def fetch2(url, session: "requests.Session | None" = None):
    return session.get(url)
