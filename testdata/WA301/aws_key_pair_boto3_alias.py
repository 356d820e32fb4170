import boto3 as b3

s3 = b3.client(
    "s3",
    aws_access_key_id="AKIASPUQ2IDW52IJB4LA",
    aws_secret_access_key="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",
)
