import os

PASSWORD_ENV = "DB_PASSWORD_2"
token_var = "GITHUB_TOKEN_V2"
SECRET_SOURCE = "ORDERS_API_SECRET_1"
api_key = os.environ[token_var]
