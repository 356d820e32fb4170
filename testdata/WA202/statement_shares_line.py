import requests


def a(url):
    r = requests.get(url, timeout=5); print(r.text)


def b(url):
    with requests.get(url, timeout=5) as r: print(r.text)
