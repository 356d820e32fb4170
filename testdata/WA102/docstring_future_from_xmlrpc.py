# Checks: top block with a docstring, `from __future__`, and a comment; `from xmlrpc import client` is the last import.
"""Sync tickets to the legacy Trac XML-RPC endpoint."""
from __future__ import annotations

# stdlib only: the Lambda layer has no extra dependencies
import os
from xmlrpc import client

TRAC_URL = os.environ.get("TRAC_URL", "https://trac.example.com/login/xmlrpc")


def handler(event, context):
    server = client.ServerProxy(TRAC_URL)
    ticket_id = server.ticket.create(event["summary"], event["description"])
    return {"ticket": ticket_id}
