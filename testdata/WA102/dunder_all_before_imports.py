# Checks: __all__ before the imports is part of the prelude; the call goes after the imports.
__all__ = ["sync"]

import logging
import xmlrpc.client

logger = logging.getLogger(__name__)


def sync(url):
    return xmlrpc.client.ServerProxy(url).sync()
