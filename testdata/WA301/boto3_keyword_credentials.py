"""A client for the partner's account, with its access key written in."""
import boto3


def partner_s3():
    return boto3.client(
        "s3",
        aws_access_key_id="AKIAQX3NJ5LKZ7RHTW2V",
        aws_secret_access_key="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",
        region_name="eu-west-1",
    )
