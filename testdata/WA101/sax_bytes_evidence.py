"""xml.sax.parseString with bytes the code proves: a bytes parameter, a base64 decode, a binary read, a boto3 Body.read(); a plain parameter stays."""
import base64
import xml.sax


def a(payload: bytes, h):
    xml.sax.parseString(payload, h)


def b(event, h):
    data = base64.b64decode(event["body"])
    xml.sax.parseString(data, h)


def c(path, h):
    with open(path, "rb") as f:
        xml.sax.parseString(f.read(), h)


def d(s3, h):
    obj = s3.get_object(Bucket="b", Key="k")
    xml.sax.parseString(obj["Body"].read(), h)


def e(text, h):
    xml.sax.parseString(text, h)
