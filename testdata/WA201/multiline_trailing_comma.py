import requests


def book(url, payload, headers):
    resp = requests.post(
        url,
        json=payload,
        headers=headers,  # signed by the gateway
    )
    return resp
