import os

password = "{password}"
DB_PASSWORD = "${DB_PASSWORD}"
API_TOKEN = "$API_TOKEN"
auth_token = "%s:%s"
SECRET = "{{ secrets.deploy_token }}"
connection_password = "%(password)s"
token_template = "Bearer {token}"
