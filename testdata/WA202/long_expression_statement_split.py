import requests


def notify(webhook_url, message, headers):
    requests.post(webhook_url, json={"text": message}, headers=headers)
