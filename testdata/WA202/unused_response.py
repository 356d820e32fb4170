import requests


def ping(url):
    response = requests.put(url, data=b"", timeout=5)
    print("sent")
