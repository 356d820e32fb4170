from pathlib import Path

HERE = Path(__file__).parent
PRIVATE_KEY_PATH = HERE / "fixtures" / "signing_key.pem"
TOKEN_FIXTURE = "tests/fixtures/oauth_token_response.json"
SECRETS_DIR = "/opt/orders/secrets.d"
client_secret_location = "s3://orders-config-prod/oauth/client_secret.json"
