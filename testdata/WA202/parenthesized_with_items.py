import requests


def save(url, path):
    with (
        requests.get(url, timeout=5, stream=True) as r,
        open(path, "wb") as f,
    ):
        f.write(r.content)
