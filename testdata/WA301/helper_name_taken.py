import os


def _get_secret(name):
    return os.environ[name]


SERVICE_PASSWORD = "9ojfljoQoaF1LlqsajAIxNKu8iS2G8NQ"
