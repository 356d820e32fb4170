import boto3

_secret_cache = {}


def _get_secret(secret_id):
    """Fetch a secret from AWS Secrets Manager once per process and cache it."""
    if secret_id not in _secret_cache:
        client = boto3.client("secretsmanager")
        response = client.get_secret_value(SecretId=secret_id)
        _secret_cache[secret_id] = response["SecretString"]
    return _secret_cache[secret_id]


DB_PASSWORD = _get_secret("orders/db-password")
SMTP_PASSWORD = "OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgK"
