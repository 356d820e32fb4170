"""Two calls: the timeout lives in one module constant."""

import os

import requests

API = os.environ["API"]


def load(item_id):
    return requests.get(f"{API}/items/{item_id}").json()


def save(item):
    requests.put(f"{API}/items/{item['id']}", json=item)
