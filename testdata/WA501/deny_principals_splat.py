from aws_cdk import aws_iam as iam, aws_kms as kms, aws_s3 as s3


def guardrails(scope, role: iam.Role, bucket: s3.Bucket, props: dict):
    # A Deny with "*" is a guardrail, not a grant.
    role.add_to_policy(iam.PolicyStatement(effect=iam.Effect.DENY, actions=["*"], resources=["*"]))
    deny = iam.Effect.DENY
    role.add_to_policy(iam.PolicyStatement(effect=deny, actions=["s3:*"], resources=["*"]))
    # Resource-based statements (key and bucket policies): "*" is the key itself there.
    kms.Key(
        scope,
        "Key",
        policy=iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    actions=["kms:*"],
                    principals=[iam.AccountRootPrincipal()],
                    resources=["*"],
                )
            ]
        ),
    )
    bucket.add_to_resource_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["*"]))
    public_read = iam.PolicyStatement(actions=["s3:GetObject"], resources=["*"])
    public_read.add_any_principal()
    # **props may hold the effect: wafix cannot see inside.
    role.add_to_policy(iam.PolicyStatement(actions=["*"], resources=["*"], **props))
