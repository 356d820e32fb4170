import os

API_KEY = os.environ["API_KEY"]
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
TOKEN = os.environ.get("GITHUB_TOKEN")
password = os.environ.get("SERVICE_PASSWORD") or None
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "r8Kq2Lm7Xz4Pw9Tn3Vb6Yc1")
