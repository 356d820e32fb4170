# Checks (negative): already patched via `from defusedxml.xmlrpc import monkey_patch` + `monkey_patch()`.
from xmlrpc.client import ServerProxy

from defusedxml.xmlrpc import monkey_patch

monkey_patch()


def handler(event, context):
    proxy = ServerProxy(event["endpoint"], allow_none=True)
    return {"status": proxy.system.status()}
