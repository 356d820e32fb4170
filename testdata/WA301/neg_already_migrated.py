import json
from functools import lru_cache

import boto3

secrets = boto3.client("secretsmanager")


@lru_cache(maxsize=1)
def api_token():
    value = secrets.get_secret_value(SecretId="orders/api-token")["SecretString"]
    return json.loads(value)["token"]


def headers():
    return {"Authorization": f"Bearer {api_token()}"}
