"""Settings for the orders service, read from the Lambda environment."""
import os

ENVIRONMENT = os.environ.get("STAGE", "dev")
DB_HOST = os.environ["DB_HOST"]
DB_USER = os.environ.get("DB_USER", "orders")
DB_PASSWORD = os.environ["DB_PASSWORD"]
API_KEY = os.getenv("PARTNER_API_KEY")
API_TOKEN = os.getenv("PARTNER_API_TOKEN", "")
SIGNING_SECRET = os.environ.get("SIGNING_SECRET") or None
CLIENT_SECRET = os.environ.setdefault("OAUTH_CLIENT_SECRET", "")
REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD", default=None)
SMTP_PASSWORD = os.environ.get(f"{ENVIRONMENT.upper()}_SMTP_PASSWORD")
