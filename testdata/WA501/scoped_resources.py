from aws_cdk import Aws, aws_iam as iam


def policies(role: iam.Role, bucket, table, region: str, account: str):
    # Prefix wildcards are scoped to a bucket, a table, a log group type: not reported.
    role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::orders-exports/*"]))
    role.add_to_policy(
        iam.PolicyStatement(
            actions=["dynamodb:Query"],
            resources=[f"arn:aws:dynamodb:{region}:{account}:table/*"],
        )
    )
    role.add_to_policy(iam.PolicyStatement(actions=["logs:PutLogEvents"], resources=[f"arn:{Aws.PARTITION}:logs:{region}:{account}:log-group:*"]))
    role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=[bucket.arn_for_objects("*")]))
    bucket.grant_read_write(role)
    table.grant_read_data(role)
    # An ARN whose resource part is only a wildcard covers every resource of the service.
    role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::*"]))  # expect: WA501
    role.add_to_policy(iam.PolicyStatement(actions=["logs:PutLogEvents"], resources=["arn:aws:logs:*:*:*"]))  # expect: WA501
    role.add_to_policy(
        iam.PolicyStatement(  # expect: WA501
            actions=["sns:Publish"],
            resources=[f"arn:{Aws.PARTITION}:sns:{region}:{account}:*"],
        )
    )


def built_strings(role: iam.Role, bucket_name: str, service: str, topic: str):
    # Concatenated and formatted strings are read as one string with unknown parts.
    role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::" + bucket_name + "/*"]))
    role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::%s/*" % bucket_name]))
    role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::{}/*".format(bucket_name)]))
    role.add_to_policy(iam.PolicyStatement(actions=["sns:Publish"], resources=[topic + ":*"]))
    role.add_to_policy(iam.PolicyStatement(actions=[service + ":*"], resources=["arn:aws:sqs:eu-west-1:123456789012:q"]))  # expect: WA501
    role.add_to_policy(iam.PolicyStatement(actions=["%s:*" % service], resources=["arn:aws:sqs:eu-west-1:123456789012:q"]))  # expect: WA501
