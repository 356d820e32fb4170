# Checks: `import xmlrpc.client` is the last top import: `import defusedxml.xmlrpc` right after it, then a blank line and monkey_patch().
import os
import xmlrpc.client

ODOO_URL = os.environ.get("ODOO_URL", "https://erp.example.com")


def handler(event, context):
    common = xmlrpc.client.ServerProxy(f"{ODOO_URL}/xmlrpc/2/common")
    return {"version": common.version()}
