from aws_cdk import aws_lambda as _lambda


def build(scope, role_arn, key_arn):
    _lambda.CfnFunction(  # expect: WA503
        scope,
        "Legacy",
        role=role_arn,
        code=_lambda.CfnFunction.CodeProperty(s3_bucket="artifacts", s3_key="legacy.zip"),
        environment=_lambda.CfnFunction.EnvironmentProperty(variables={"MODE": "batch"}),
    )
    _lambda.CfnFunction(
        scope,
        "LegacyEncrypted",
        role=role_arn,
        code=_lambda.CfnFunction.CodeProperty(s3_bucket="artifacts", s3_key="legacy.zip"),
        environment=_lambda.CfnFunction.EnvironmentProperty(variables={"MODE": "batch"}),
        kms_key_arn=key_arn,
    )
    _lambda.CfnFunction(
        scope,
        "LegacyNoVariables",
        role=role_arn,
        code=_lambda.CfnFunction.CodeProperty(s3_bucket="artifacts", s3_key="legacy.zip"),
        environment=_lambda.CfnFunction.EnvironmentProperty(),
    )
