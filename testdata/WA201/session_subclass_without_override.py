import requests
from requests.adapters import HTTPAdapter


class LoggedSession(requests.Session):
    def log(self, message):
        print(message)


def handler(event, context):
    s = LoggedSession()
    s.mount("https://", HTTPAdapter(max_retries=3))
    return s.get(event["url"]).json()
