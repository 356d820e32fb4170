# Checks: xmlrpc import inside a module-level try (part of the top block): defusedxml import after the whole try, monkey_patch() after the last import.
try:
    from xmlrpc.client import ServerProxy
except ImportError:  # legacy Python 2 runtime
    from xmlrpclib import ServerProxy
import logging

log = logging.getLogger(__name__)


def handler(event, context):
    proxy = ServerProxy(event["endpoint"])
    log.info("calling %s", event["method"])
    return {"result": getattr(proxy, event["method"])(*event.get("params", []))}
