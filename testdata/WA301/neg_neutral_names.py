import boto3

CACHE_BUSTER = "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO"
build = {"commit": "9f2c1e7b3a4d5f6e7a8b9c0d1e2f3a4b5c6d7e8f", "region": "eu-west-1"}
table = boto3.resource("dynamodb").Table("orders-v2-7f3a9c")
