import requests

BASE = "http://localhost:3000"


def post(path, body):
    response = requests.post(BASE + path, json=body, timeout=5)
    print(response.json())
    return response.status_code


def test_rejects_empty_order():
    r = requests.post(BASE + "/orders", json={}, timeout=5)
    body = r.json()
    assert "error" in body


def test_rejects_bad_token():
    assert post("/orders", {"token": "x"}) == 400
