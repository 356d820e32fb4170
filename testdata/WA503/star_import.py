from aws_cdk.aws_logs import *


def build(scope):
    LogGroup(scope, "Audit", retention=RetentionDays.ONE_YEAR)  # expect: WA503
