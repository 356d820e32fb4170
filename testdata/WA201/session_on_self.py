import requests


class PortalClient:
    def __init__(self, base_url):
        self.base_url = base_url
        self.http = requests.Session()

    def items(self):
        return self.http.get(f"{self.base_url}/items").json()

    @property
    def health(self):
        return self.http.request("GET", f"{self.base_url}/health").ok
