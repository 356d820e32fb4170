# Checks: a function-local xmlrpc import: both inserted lines go after the last import of the top block (two blank lines before def kept).
import json
import os


def fetch_rate(currency):
    import xmlrpc.client

    proxy = xmlrpc.client.ServerProxy(os.environ["RATES_URL"])
    return proxy.rates.get(currency)


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"rate": fetch_rate(event["currency"])})}
