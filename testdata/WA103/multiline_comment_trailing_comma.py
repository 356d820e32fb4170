# Checks: `import lxml.etree as etree`; multi-line call whose last argument has a trailing comma and a comment: new line after it.
import boto3
import lxml.etree as etree

s3 = boto3.client("s3")


def handler(event, context):
    payload = s3.get_object(Bucket=event["bucket"], Key=event["key"])["Body"].read()
    doc = etree.fromstring(
        payload,  # raw bytes from S3
    )
    return {"root": doc.tag}
