"""Orders API client."""

import json
import os

import requests

BASE_URL = os.environ.get("BASE_URL", "https://orders.example/api")
API_KEY = "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO"


def list_orders():
    resp = requests.get(f"{BASE_URL}/orders", headers={"X-Api-Key": API_KEY}, timeout=5)
    return json.loads(resp.text)
