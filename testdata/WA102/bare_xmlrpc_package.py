# Checks (negative): `import xmlrpc` alone (no client/server submodule imported) is left alone.
import importlib.util
import xmlrpc


def handler(event, context):
    package_dir = list(xmlrpc.__path__)
    has_client = importlib.util.find_spec("xmlrpc.client") is not None
    return {"package_dir": package_dir, "client_available": has_client}
