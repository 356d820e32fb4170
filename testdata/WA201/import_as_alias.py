import requests as rq

def ping(url):
    return rq.head(url, allow_redirects=True).ok
