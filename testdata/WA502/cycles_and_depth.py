import time


def ping(n):
    if n <= 0:
        return 0
    return pong(n - 1)


def pong(n):
    time.sleep(0.2)  # expect: WA502
    return ping(n)


def retry(fn, attempts):
    for attempt in range(attempts):
        try:
            return fn()
        except ConnectionError:
            time.sleep(2**attempt)  # expect: WA502
    return retry(fn, attempts - 1)


def handler(event, context):
    ping(event["n"])
    pong(event["n"])  # the sleep in pong is reported once
    return retry(lambda: ping(1), 3)
