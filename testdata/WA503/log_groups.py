from aws_cdk import RemovalPolicy, aws_kms as kms, aws_logs as logs
from aws_cdk.aws_logs import CfnLogGroup, LogGroup, RetentionDays


def build(scope, key: kms.IKey):
    logs.LogGroup(scope, "Plain", retention=logs.RetentionDays.ONE_MONTH)  # expect: WA503
    LogGroup(  # expect: WA503
        scope,
        "Workflow",
        retention=RetentionDays.ONE_WEEK,
        removal_policy=RemovalPolicy.DESTROY,
    )
    logs.LogGroup(scope, "Encrypted", encryption_key=key, retention=logs.RetentionDays.ONE_MONTH)
    CfnLogGroup(scope, "L1", retention_in_days=30)  # expect: WA503
    CfnLogGroup(scope, "L1Encrypted", retention_in_days=30, kms_key_id=key.key_arn)
    # Imports an existing group: nothing is created here.
    logs.LogGroup.from_log_group_name(scope, "Existing", "/aws/lambda/legacy")


def local_import(scope):
    import aws_cdk.aws_logs as cwl

    return cwl.LogGroup(scope, "Local")  # expect: WA503
