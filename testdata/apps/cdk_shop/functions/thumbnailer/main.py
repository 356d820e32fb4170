import xml.etree.ElementTree as ET

import boto3

s3 = boto3.client("s3")


def on_upload(event, context):
    for record in event["Records"]:
        obj = s3.get_object(Bucket=record["s3"]["bucket"]["name"], Key=record["s3"]["object"]["key"])
        manifest = ET.fromstring(obj["Body"].read())
        print(manifest.tag)
