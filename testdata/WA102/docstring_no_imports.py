"""Legacy supplier bridge: the only import lives inside the function."""


def fetch_catalogue(url):
    import xmlrpc.client

    return xmlrpc.client.ServerProxy(url).catalogue.list()
