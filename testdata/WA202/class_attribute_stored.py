import requests


class Config:
    # Stored for the class's users to read, like self.x = ...
    response = requests.get("http://127.0.0.1:9/config", timeout=1)
