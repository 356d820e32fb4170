import requests
from requests.adapters import HTTPAdapter

from shared.http import TimeoutHTTPAdapter

# An adapter from elsewhere that takes a timeout applies it to every request (requests'
# HTTPAdapter itself has no such parameter).
SESSION = requests.Session()
SESSION.mount("https://", TimeoutHTTPAdapter(max_retries=3, timeout=3))


class TimeoutAdapter(HTTPAdapter):
    def __init__(self, *args, timeout=3, **kwargs):
        self.timeout = timeout
        super().__init__(*args, **kwargs)

    def send(self, request, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return super().send(request, **kwargs)


def handler(event, context):
    return SESSION.get(event["url"]).json()


def other(url):
    s = requests.Session()
    adapter = TimeoutAdapter()
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s.post(url)


class Client:
    def __init__(self):
        self.http = requests.Session()
        self.http.mount("https://", TimeoutAdapter(timeout=2))

    def fetch(self, url):
        return self.http.get(url)
