import psycopg2

DB_HOST: str = "db.internal"
DB_PASSWORD: str = "OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ"


def connect():
    return psycopg2.connect(host=DB_HOST, password=DB_PASSWORD)
