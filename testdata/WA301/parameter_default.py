import redis


def connect(host="cache.internal", password="9ojfljoQoaF1LlqsajAIxNKu8iS2G8NP"):
    return redis.Redis(host=host, password=password)
