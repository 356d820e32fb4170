"""URLs whose credentials are placeholders, templates or local defaults: nothing to move."""
import os

LOCAL_DB = "postgresql://postgres:postgres@localhost:5432/orders"
TEMPLATE_DB = "postgresql://{user}:{password}@{host}/orders"
ENV_DB = "postgresql://orders:${DB_PASSWORD}@db/orders"
DOCS_DB = "postgresql://user:S3cr3tPa55w0rd@db.example.com/orders"
CHANGE_ME = "redis://:changeme-please@cache:6379/0"
NO_PASSWORD = "amqp://guest@rabbit.internal:5672/"
PERCENT = "mysql://app:%s@db/app" % os.environ.get("DB_PASSWORD", "")
