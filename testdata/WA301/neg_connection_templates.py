import os

DB_USER = os.environ["DB_USER"]
DB_PASSWORD = os.environ["DB_PASSWORD"]
DATABASE_URL = f"postgresql://{DB_USER}:{DB_PASSWORD}@db.internal:5432/orders"
REDIS_URL_TEMPLATE = "redis://:{password}@cache.internal:6379/0"
AUTH_HEADER = "Bearer {}".format(os.environ["API_TOKEN"])
password_template = "postgresql://orders:%(password)s@db:5432/orders"
token_format = "{client_id}:{client_secret}"
SECRET_PATTERN = "${ssm:/orders/prod/secret}"
