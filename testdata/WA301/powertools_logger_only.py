import json

from aws_lambda_powertools import Logger

logger = Logger()


def handler(event, context):
    client = PaymentsClient(api_token="u8jzPde0IgxLd6GncfBAepfJBd0Kh8oP")
    return json.dumps(client.charge(event["amount"]))
