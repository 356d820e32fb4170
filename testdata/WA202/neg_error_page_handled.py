import requests


def load(url):
    r = requests.get(url, timeout=5)
    try:
        return r.json()
    except ValueError:
        return {"error": r.text}
