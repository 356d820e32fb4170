"""Flask app settings: the session signing key and the config mapping."""
import boto3
from flask import Flask

app = Flask(__name__)


def configure():
    app.secret_key = "Jq7Wm2Xr9Lk4Tz6Pv3Nb"
    app.config["SECRET_KEY"] = "Rt5Yp8Qs2Xm6Kd9Hf3Lw"
    app.config.update(SECRET_KEY="Bv4Nc7Mx1Zq8Ws3Ed6Rf", DEBUG=False)
