"""boto3 credentials that are placeholders or read from the environment (semgrep's ok cases)."""
import os

import boto3

s3 = boto3.client("s3", aws_access_key_id="this-is-not-a-key")
s3b = boto3.resource("s3", aws_access_key_id="XXXXXXXX", aws_secret_access_key="----------------")
s3c = boto3.resource("s3", aws_access_key_id="<your token here>", aws_secret_access_key="<your secret here>")
s3d = boto3.resource("s3", aws_access_key_id="AKIAxxxxxxxxxxxxxxxx", aws_secret_access_key=os.environ["SECRET"])
s3e = boto3.client("s3", aws_secret_access_key="jWnyxxxxxxxxxxxxxxxxX7ZQxxxxxxxxxxxxxxxx")
