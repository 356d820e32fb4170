import boto3

# moto and LocalStack accept any credentials; these are the documented dummies.
LOCALSTACK = {
    "endpoint_url": "http://localhost:4566",
    "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "region_name": "us-east-1",
}
s3 = boto3.client("s3", aws_access_key_id="testing", aws_secret_access_key="testing", aws_session_token="testing")
dynamodb = boto3.resource("dynamodb", **LOCALSTACK)
