import requests


def fetch(base_url, supplier_id, headers):
    return requests.get(f"{base_url}/suppliers/{supplier_id}/catalogue", headers=headers)
