# Checks (negative): xmlrpc appears only in comments and strings (e.g. a URL path), never imported.
import json
import urllib.request

# The supervisor exposes xmlrpc.client-compatible endpoints, but we use its JSON API.
STATUS_URL = "http://127.0.0.1:9001/RPC2?via=xmlrpc.client"
NOTE = "import xmlrpc.client is not needed here"


def handler(event, context):
    with urllib.request.urlopen(event.get("url", STATUS_URL), timeout=5) as resp:
        return {"statusCode": resp.status, "body": json.dumps({"note": NOTE})}
