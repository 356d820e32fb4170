"""JWT calls whose key is not a literal secret: a variable, a placeholder, a public key path."""
import os

import jwt

SIGNING_KEY = os.environ["SIGNING_KEY"]


def issue(claims):
    return jwt.encode(claims, SIGNING_KEY, algorithm="HS256")


def demo(claims):
    return jwt.encode(claims, "secret", algorithm="HS256")


def unverified(token):
    return jwt.decode(token, options={"verify_signature": False})


def payload_value(claims):
    return jwt.encode({"sub": "Lk3Pv9Xr2Wm6Tq8Zb4Nc"}, os.environ["KEY"], algorithm="HS256")
