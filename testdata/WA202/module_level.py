import requests

CONFIG = requests.get("http://127.0.0.1:9/config", timeout=1)
SETTINGS = CONFIG.json()
