import os

API_KEY = os.environ["API_KEY"]
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
TOKEN = os.environ.get("GITHUB_TOKEN")
password = os.environ.get("SERVICE_PASSWORD") or None
