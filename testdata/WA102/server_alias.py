# Checks: `import xmlrpc.server as srv` (server side) also gets the defusedxml import and monkey_patch().
import threading
import xmlrpc.server as srv


def start_admin_rpc(port=8765):
    server = srv.SimpleXMLRPCServer(("127.0.0.1", port), allow_none=True, logRequests=False)
    server.register_function(lambda: "pong", "ping")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def handler(event, context):
    server = start_admin_rpc(event.get("port", 8765))
    return {"listening": server.server_address[1]}
