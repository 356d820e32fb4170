import requests


def primary(url):
    return requests.get(url, auth=requests.auth.HTTPBasicAuth("svc", "x"), headers={"token": "VvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6"}, timeout=5)


def secondary(session, url):
    session.post(url, json={}, token="VvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6", timeout=5)
    session.post(url, json={}, token="kwXoIIXGvOoNZYW2mZp0zVZomHFwUbbY", timeout=5)
