# Checks (negative): xmlrpc imported only under `if TYPE_CHECKING:` for annotations is left alone.
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xmlrpc.client import ServerProxy


def call_remote(proxy: ServerProxy, method: str, *params: Any) -> Any:
    return getattr(proxy, method)(*params)


def handler(event, context):
    proxy = context.rpc_proxy  # injected by the test harness / wrapper
    return {"result": call_remote(proxy, event["method"], *event.get("params", []))}
