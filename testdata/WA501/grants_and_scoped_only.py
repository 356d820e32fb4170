from aws_cdk import Stack, aws_dynamodb as dynamodb, aws_iam as iam, aws_lambda as _lambda, aws_s3 as s3
from constructs import Construct


class ScopedStack(Stack):
    """Least privilege done right: grants and named ARNs only. Nothing to report."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        bucket = s3.Bucket(self, "Reports")
        table = dynamodb.Table(
            self, "Orders", partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING)
        )
        fn = _lambda.Function(
            self,
            "Api",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=_lambda.Code.from_asset("src"),
        )
        bucket.grant_read_write(fn)  # CDK scopes grants to the bucket and its objects
        table.grant_read_write_data(fn)
        fn.add_to_role_policy(
            iam.PolicyStatement(
                actions=["ssm:GetParameter", "ssm:GetParametersByPath"],
                resources=[f"arn:aws:ssm:{self.region}:{self.account}:parameter/orders/*"],
            )
        )
        fn.add_to_role_policy(
            iam.PolicyStatement(actions=["events:PutEvents"], resources=[f"arn:aws:events:{self.region}:{self.account}:event-bus/default"])
        )
        # "s3:*" in a comment and a wildcard in a description are not statements.
        iam.Role(self, "Viewer", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"), description="reads s3:* metadata on *")
