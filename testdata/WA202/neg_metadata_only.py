import requests


def etag(url):
    r = requests.head(url, timeout=5)
    return r.headers.get("ETag")


def final_url(url):
    r = requests.get(url, timeout=5, allow_redirects=True)
    print(r.url, r.elapsed)


def length(url):
    return requests.head(url, timeout=5).headers["Content-Length"]
