# Checks (negative): the module already calls defusedxml.xmlrpc.monkey_patch().
import os
import xmlrpc.client

import defusedxml.xmlrpc

defusedxml.xmlrpc.monkey_patch()


def handler(event, context):
    proxy = xmlrpc.client.ServerProxy(os.environ["CRM_RPC_URL"])
    return {"contacts": proxy.contacts.search(event["query"])}
