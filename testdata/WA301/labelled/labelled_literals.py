# Labelled literals for WA301's precision/recall table (tests/secrets_test.cpp). Every labelled
# line holds one string literal and ends with "# expect: secret|clean <category>". All values are
# random or well-known placeholders; none was ever a credential.
import os

import boto3
import jwt
import requests

# Provider tokens, whatever the name.
a1 = "ghp_zymMlopiWfqUyHRSIf8NFmAUNLnY5Yx0y3Rn"  # expect: secret provider
a2 = "gho_jDQl2Kvf8THRXfEuzcrJaBnx7IfDH5mMDdwi"  # expect: secret provider
a3 = "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"  # expect: secret provider
a4 = "ASIA7OQHXLESADVNYZVZ"  # expect: secret provider
a5 = "xoxp-665812056734-341533647176-4184578246469-f36806405a530f271756ad0a3f802783"  # expect: secret provider
a6 = "rk_live_mVbgZteLc9dAtxJO8TLKsmWg"  # expect: secret provider
a7 = "sk_test_3YzzYlqDvi4i5C32SSyAJ9Tl"  # expect: secret provider
a8 = "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAic3ZjLW9yZGVycyIsICJpYXQiOiAxNzE2MDAwMDAwfQ.UGAJ7Wx98vjE6boQ_jQaJbO0HvrgYegRDLu4h1Dyo-v"  # expect: secret provider
requests.get("https://api.github.com/user", headers={"Authorization": "token ghp_L5DZPjN0MEQ7wjJJibaZUPgHV7iB3m03nbqn"})  # expect: secret provider
session = boto3.Session(aws_access_key_id="AKIASPUQ2IDW52IJB4LB", region_name="eu-west-1")  # expect: secret provider
slack_hook_headers = {"X-Slack-Token": "xoxb-12524273167-2326865635515-bvJDCTbyvHNsG9eh6Yo4gfqs"}  # expect: secret provider

# Name-anchored generic secrets.
DB_PASSWORD = "rQxeJ6mXJlSwP90IfVRh"  # expect: secret generic
db_passwd = "0ijIfcWGPykw3YTo"  # expect: secret generic
ADMIN_PWD = "MW9NkvXd5vZOBmtlVhjFP9HU"  # expect: secret generic
gpg_passphrase = "KCUYM34f40k441kX"  # expect: secret generic
SECRET_KEY = "xquLcLzbt8ki8a4sZJsshFBZ"  # expect: secret generic
webhook_secret = "cwkMRu2vQuZ1"  # expect: secret generic
refresh_token = "y0rNoJjSRbW3VzAGT5Xo"  # expect: secret generic
apiKey = "VzAGT5XolHAdnpPqk1Kg"  # expect: secret generic
MAILGUN_APIKEY = "aK8b1mi59lOtd4qlLWBja7Pc"  # expect: secret generic
auth_key = "z7CekLovBiE6NfxGkoUKFnT2gBNm5Zli"  # expect: secret generic
partner_access_key = "f75852777dc278aaf6301d1a619588096b35bc4986e10b742c0bac74200567a8"  # expect: secret generic
private_key = "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu"  # expect: secret generic
clientSecret = "Xk9$mPq2!vR7#tLw"  # expect: secret generic
OAUTH_CREDENTIALS = "svc-orders:Hq83mZp1Lx0Rt7Vw"  # expect: secret generic
aws_secret_access_key = "ja3o3kV+2WHPSoIFieCIPnINFB44cHjXpcK+42PE"  # expect: secret generic
settings.SMTP_PASSWORD = "Tr0ub4dor&3xK9"  # expect: secret generic
config["redis_password"] = "p9WmX2kQ7rLs4Tn8"  # expect: secret generic
connect_db(host="db", password="Zq8!nR4@wL2#xK6v")  # expect: secret generic
payload = {"client_secret": "b7Rk2Lm9Qx4Pz1Wn6Ty3Vs8"}  # expect: secret generic
SlackBotToken = "Jk3Lm9Np2Qr5St8Vw1Xy4Z"  # expect: secret generic
dbPassword2 = "M4nG0-Tr33-Bl4ck"  # expect: secret generic
headers = {"Authorization": "Bearer 9fK2mQ7xR4tL8wN3pZ6v"}  # expect: secret generic
def login(user, password="Gh7Kp2Mx9Qz4Rw1T"): pass  # expect: secret generic
sendgrid_token: str = "SG7kd93Lq02MxP4vZ8wN1rT6"  # expect: secret generic
DJANGO_KEY = os.environ.get("DJANGO_SECRET_KEY", "r8Kq2Lm7Xz4Pw9Tn3Vb6Yc1")  # expect: secret generic
ORDERS_TOKEN = os.getenv("ORDERS_API_TOKEN", "Hb4Nq8Wm2Xr6Tz9Lk3Pv")  # expect: secret generic

# Passwords inside URLs, JWT signing keys, more provider shapes.
DATABASE_URL = "postgresql://orders:Pq7Wm2Xz9Lk4@db.internal/orders"  # expect: secret url
engine = create_engine("mysql+pymysql://reporter:Hb4Nq8Wm2Xr6Tz9L@reports.internal/reports")  # expect: secret url
BROKER = "amqp://svc:Vt5Kx9Qm2Lr7Wz3P@mq.internal:5672/orders"  # expect: secret url
token = jwt.encode(claims, "Lk3Pv9Xr2Wm6Tq8Zb4Nc", algorithm="HS256")  # expect: secret jwt
claims = jwt.decode(token, key="Vw7Rt2Yp5Qs9Xm3Kd8Hf", algorithms=["HS256"])  # expect: secret jwt
MAIL = "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"  # expect: secret provider
MAPS = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"  # expect: secret provider
TWILIO = "SK2a1b3c4d5e6f708192a3b4c5d6e7f809"  # expect: secret provider
GITLAB = "glpat-8Hq2Rk5Wt9Zx3Lm7Pv1N"  # expect: secret provider
ALERTS = "https://hooks.slack.com/services/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"  # expect: secret provider
app.secret_key = "Jq7Wm2Xr9Lk4Tz6Pv3Nb"  # expect: secret generic
app.config["SECRET_KEY"] = "Rt5Yp8Qs2Xm6Kd9Hf3Lw"  # expect: secret generic
s3 = boto3.client("s3", aws_secret_access_key="mK8pL2vR9xQ4tN7wZ3cH6jB1sF5dG0yU8eA2iO4r")  # expect: secret generic
LOCAL_DB = "postgresql://postgres:postgres@localhost:5432/orders"  # expect: clean url
TEMPLATE_DB = "postgresql://{user}:{password}@{host}/orders"  # expect: clean url
ENV_DB = "postgresql://orders:${DB_PASSWORD}@db/orders"  # expect: clean url
DOCS_DB = "postgresql://user:S3cr3tPa55w0rd@db.example.com/orders"  # expect: clean url
NO_PASSWORD = "amqp://guest@rabbit.internal:5672/"  # expect: clean url
demo = jwt.encode(claims, "secret", algorithm="HS256")  # expect: clean jwt
signed = jwt.encode({"sub": "Lk3Pv9Xr2Wm6Tq8Zb4Nc"}, os.environ["KEY"])  # expect: clean jwt
SENDGRID_DEMO = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"  # expect: clean placeholder
SLACK_HOOK_DOC = "https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"  # expect: clean placeholder
s3x = boto3.client("s3", aws_secret_access_key="jWnyxxxxxxxxxxxxxxxxX7ZQxxxxxxxxxxxxxxxx")  # expect: clean placeholder
s3y = boto3.client("s3", aws_access_key_id="AKIAxxxxxxxxxxxxxxxx")  # expect: clean placeholder
app.config["SECRET_KEY"] = "aaaa"  # expect: clean short
my_secret_password_for_email = "d6s$f9g!j8mg7hw?n&2"  # expect: secret generic

# Known misses, kept to keep the recall figure honest: no name to anchor on, or a credential
# in a tuple.
KEY = "Wm4Qz8Lx2Rt6Pn9Vk3Hs"  # expect: secret hard
requests.get("https://api.example.com", auth=("svc-orders", "Hx4Lm9Qz2Wp7Rt3K"))  # expect: secret hard

# Placeholders, templates and lookups under secret-like names.
n1 = os.environ["API_KEY"]
DB_USER = os.environ.get("DB_USER", "orders_app_2024")  # expect: clean neutral
PASSWORD = "changeme"  # expect: clean placeholder
API_KEY = "your-api-key-here"  # expect: clean placeholder
TOKEN = "<insert token>"  # expect: clean placeholder
SECRET = "xxxxxxxxxxxxxxxx"  # expect: clean placeholder
DB_PASSWORD_DEV = "example-password-1"  # expect: clean placeholder
AUTH_TOKEN = "********"  # expect: clean placeholder
client_secret_tpl = "{client_secret}"  # expect: clean template
pg_password = "${PGPASSWORD}"  # expect: clean template
api_token = "%(token)s"  # expect: clean template
jinja_secret = "{{ vault.secret }}"  # expect: clean template
password_env = "DB_PASSWORD"  # expect: clean template
cfn_password = "{{resolve:secretsmanager:prod-db:SecretString:password}}"  # expect: clean template
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"  # expect: clean placeholder
aws_secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # expect: clean placeholder
github = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"  # expect: clean placeholder

# Not credentials: ids, names, urls, paths, hashes, sequences, prose.
secret_id = "prod/orders/db-7"  # expect: clean name
SECRET_NAME = "orders-api-key-v2"  # expect: clean name
token_url = "https://auth.example.com/oauth/token2"  # expect: clean name
password_file = "/run/secrets/db-password-1"  # expect: clean name
api_key_version = "2024-06-01"  # expect: clean name
public_key = "MW9NkvXd5vZOBmtlVhjFP9HU7aoy6RYg"  # expect: clean name
csrf_token = "rQxeJ6mXJlSwP90IfVRhABCd"  # expect: clean name
token_type = "Bearer"  # expect: clean name
password_hash = "5f4dcc3b5aa765d61d8327deb882cf99"  # expect: clean hash
token_sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # expect: clean hash
session_token = "123e4567-e89b-12d3-a456-426614174000"  # expect: clean uuid
password1 = "12345678"  # expect: clean sequence
password2 = "abcdefghij"  # expect: clean sequence
password3 = "aaaaaaaaaaaa"  # expect: clean sequence
password_prompt = "Please enter your password"  # expect: clean prose
TOKEN_EXPIRED = "Your session token expired at 12:00"  # expect: clean prose
secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbC"  # expect: clean name
token_path = "./tokens/cache.json"  # expect: clean name
SECRET_MODE = "rotation-enabled"  # expect: clean word
AUTH_SECRET = "not-configured"  # expect: clean word
pwd = "short1"  # expect: clean short
REGION = "eu-west-1"  # expect: clean neutral
BUILD_ID = "b7Rk2Lm9Qx4Pz1Wn6Ty3Vs8"  # expect: clean neutral
COMMIT = "9f2c1e7b3a4d5f6e7a8b9c0d1e2f3a4b5c6d7e8f"  # expect: clean neutral
requests.get("https://example.com", params={"q": "Jk3Lm9Np2Qr5St8Vw1Xy4Z"})  # expect: clean neutral
label = f"token-{os.getpid()}-Jk3Lm9Np2Qr5"  # expect: clean fstring
raw_secret = b"Jk3Lm9Np2Qr5St8Vw1Xy4Z"  # expect: clean bytes
PEM_MARKER = "-----BEGIN PRIVATE KEY-----"  # expect: clean header
VerificationToken = "ILQMESfEW0p6i6gIJcEWvO65TP5hg6B99hGFZ2lxrIs="  # expect: clean name
cfn.create_stack(StackName="orders", ClientRequestToken="deploy-2024-06-01-a1")  # expect: clean name
NextToken = "AAEAAQ8kZx1Lm3Pq5Rt7Vw9Xy2Za4Bc6De8"  # expect: clean name
SessionToken = "ABC12345"  # expect: clean sequence
admin_password = "P@55w0rd!"  # expect: clean placeholder
EXAMPLE_GITHUB_TOKEN = "ghp_R2mX9kQ4wL7pZ1vN8tY3sB6dF0hJ5cG2aE4u"  # expect: clean placeholder
