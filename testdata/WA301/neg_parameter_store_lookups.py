import json

import boto3
from aws_lambda_powertools.utilities import parameters

ssm = boto3.client("ssm")

DB_PASSWORD = ssm.get_parameter(Name="/orders/prod/db-password", WithDecryption=True)["Parameter"]["Value"]
API_KEY = parameters.get_parameter("/orders/prod/partner-api-key", decrypt=True)
WEBHOOK_SECRET = parameters.get_secret("orders/webhook-secret")


def stripe_key():
    secret = boto3.client("secretsmanager").get_secret_value(SecretId="orders/stripe")
    return json.loads(secret["SecretString"])["secret_key"]
