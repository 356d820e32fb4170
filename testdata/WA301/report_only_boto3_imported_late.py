import os

REGION = os.environ.get("AWS_REGION", "eu-west-1")
SERVICE_TOKEN = "Wm4Qz8Lx2Rt6Pn9Vk3Hz"

import boto3  # noqa: E402

client = boto3.client("sqs", region_name=REGION)
