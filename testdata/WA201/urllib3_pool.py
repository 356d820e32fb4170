import urllib3

http = urllib3.PoolManager(retries=3)
pinned = urllib3.PoolManager(timeout=5)


def handler(event, context):
    r = http.request("GET", event["url"])
    direct = urllib3.request("GET", event["url"])
    return r.data + direct.data
