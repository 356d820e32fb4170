import requests


class PartnerClient:
    def __init__(self, client_id):
        self.client_id = client_id
        self.client_secret = "TeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vU"

    def token(self):
        return requests.post(
            "https://auth.partner.example/token",
            data={"client_id": self.client_id, "client_secret": self.client_secret},
            timeout=5,
        ).json()
