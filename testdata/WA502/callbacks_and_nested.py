import time
from concurrent.futures import ThreadPoolExecutor


def fetch(item):
    time.sleep(0.5)  # expect: WA502
    return item


def unused_callback(item):
    time.sleep(9)
    return item


def lambda_handler(event, context):
    def settle():
        time.sleep(1)  # expect: WA502

    def never_called():
        time.sleep(5)

    settle()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(fetch, event["items"]))
    return {"results": results}
