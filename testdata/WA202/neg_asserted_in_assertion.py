import requests


def check_health(url):
    r = requests.get(url, timeout=5)
    assert r.json() == {"status": "degraded"}
    assert requests.get(url, timeout=5).text.startswith("<!doctype")
