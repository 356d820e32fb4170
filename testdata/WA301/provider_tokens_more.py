"""Notification channels: provider keys recognised by their shape, whatever the name."""
import boto3
import requests

MAIL = "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"
MAPS = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"
TWILIO = "SK2a1b3c4d5e6f708192a3b4c5d6e7f809"
GITLAB = "glpat-8Hq2Rk5Wt9Zx3Lm7Pv1N"
ALERTS = "https://hooks.slack.com/services/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"


def notify(text):
    return requests.post(ALERTS, json={"text": text}, timeout=5)
