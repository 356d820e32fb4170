from aws_cdk import Stack, aws_iam as iam, aws_lambda as _lambda
from constructs import Construct


class SyncStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, fn: _lambda.Function, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        fn.add_to_role_policy(
            iam.PolicyStatement(actions=["s3:*"], resources=["*"])  # expect: WA501:13
        )
        fn.role.add_to_policy(iam.PolicyStatement(actions=["*"], resources=["*"]))  # expect: WA501
        fn.role.add_to_principal_policy(
            iam.PolicyStatement(  # expect: WA501
                effect=iam.Effect.ALLOW,
                actions=["dynamodb:*"],
                resources=["arn:aws:dynamodb:eu-west-1:123456789012:table/Orders"],
            )
        )
        # Scoped: named actions on named ARNs.
        fn.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"],
                resources=["arn:aws:s3:::orders-exports/*"],
            )
        )
