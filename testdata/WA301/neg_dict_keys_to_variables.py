import os

import requests

db_password = os.environ["DB_PASSWORD"]
api_key = os.environ["API_KEY"]

CONNECTION = {
    "host": "db.internal",
    "user": "orders",
    "password": db_password,
    "api_key": api_key,
    "token": os.environ.get("SESSION_TOKEN"),
}


def call(url, token):
    headers = {"Authorization": "Bearer " + token, "X-Api-Key": api_key}
    return requests.get(url, headers=headers, auth=("orders", db_password), timeout=10)
