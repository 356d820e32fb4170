import requests


class Client:
    session = requests.Session()

    def get_item(self, url):
        return self.session.get(url).json()
