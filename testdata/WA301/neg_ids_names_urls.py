import boto3

DB_SECRET_ID = "prod/orders/db-credentials-2024"
TOKEN_URL = "https://auth.partner.example/oauth2/token"
secret_name = "orders/api-key-v2"
API_KEY_ID = "k3y-7f2b9c0d1e"
password_file = "/run/secrets/db_password"
TOKEN_ENDPOINT = "https://login.example.com/token2"
client = boto3.client("secretsmanager")
value = client.get_secret_value(SecretId="orders/webhook-token-7")
