import requests


class Client:
    def __init__(self):
        self.responses = {}

    def call(self, url):
        r = requests.get(url, timeout=5)
        self.last = r
        self.responses[url] = r
        print(r.text)


def gather(urls, out):
    for url in urls:
        r = requests.get(url, timeout=5)
        out.append(r)
        print(r.content[:10])
