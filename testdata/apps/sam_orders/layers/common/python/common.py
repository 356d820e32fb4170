def tenant(event):
    return event.get("headers", {}).get("x-tenant", "default")
