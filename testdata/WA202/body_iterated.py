import requests


def lines(url, sink):
    r = requests.get(url, stream=True, timeout=5)
    for line in r.iter_lines():
        sink.write(line)


def chunks(url, sink):
    with requests.get(url, stream=True, timeout=5) as r:
        for chunk in r:
            sink.write(chunk)
