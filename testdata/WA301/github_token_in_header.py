import urllib.request

HEADERS = {
    "Accept": "application/vnd.github+json",
    "Authorization": "Bearer ghp_wZPf1Qh6yYTWmE4lBYOvfZ8UzDzV8fUkkibj",
}


def fetch(url):
    req = urllib.request.Request(url, headers=HEADERS)
    with urllib.request.urlopen(req, timeout=5) as resp:
        return resp.read()
