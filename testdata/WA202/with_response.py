import requests


def download(url, path):
    with requests.get(url, stream=True, timeout=5) as r:
        # stream the body to disk
        with open(path, "wb") as f:
            for chunk in r.iter_content(65536):
                f.write(chunk)
