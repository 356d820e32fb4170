import os

prefix = os.environ["PREFIX"]
API_TOKEN = f"{prefix}-OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ"
SECRET = b"TeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vU"
