from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities import parameters

logger = Logger()

SIGNING_SECRET = "rEqmSM9wCZ7Uw9xfogoEmvnEN5N1aE6P"


def handler(event, context):
    config = parameters.get_parameter("/orders/config")
    return {"config": config, "signed": bool(SIGNING_SECRET)}
