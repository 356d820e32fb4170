from aws_cdk import aws_iam as iam
from aws_cdk.aws_iam import CfnManagedPolicy, CfnPolicy, CfnRole, PolicyDocument, PolicyStatement

ADMIN_DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},  # expect: WA501
        {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::reports/*"]},
    ],
}


def build(scope, role):
    role.add_to_policy(PolicyStatement.from_json({"Effect": "Allow", "Action": ["ec2:*"], "Resource": "*"}))  # expect: WA501
    iam.Policy(scope, "Admin", document=PolicyDocument.from_json(ADMIN_DOCUMENT))
    CfnPolicy(
        scope,
        "Inline",
        policy_name="inline",
        roles=[role.role_name],
        policy_document={
            "Version": "2012-10-17",
            "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:eu-west-1:123456789012:jobs"},  # expect: WA501
        },
    )
    CfnRole(
        scope,
        "LegacyRole",
        # The trust policy is not a grant.
        assume_role_policy_document={
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:*"}]
        },
        policies=[
            CfnRole.PolicyProperty(
                policy_name="legacy",
                policy_document={"Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]},  # expect: WA501
            )
        ],
    )
    CfnManagedPolicy(
        scope,
        "Guardrail",
        policy_document={"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]},
    )
    iam.Role(
        scope,
        "WorkerRole",
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        inline_policies={
            "work": iam.PolicyDocument(
                statements=[iam.PolicyStatement(actions=["kinesis:*"], resources=["arn:aws:kinesis:eu-west-1:123456789012:stream/orders"])]  # expect: WA501
            )
        },
    )


def shared_document(scope):
    # The same document twice: its statement is still one finding (reported above).
    iam.Policy(scope, "Again", document=PolicyDocument.from_json(ADMIN_DOCUMENT))


def dict_properties(scope):
    # Struct properties written as dicts, as jsii accepts them.
    iam.CfnUser(
        scope,
        "Deployer",
        policies=[
            {
                "policy_name": "deploy",
                "policy_document": {"Statement": [{"Effect": "Allow", "Action": "cloudformation:*", "Resource": "*"}]},  # expect: WA501
            },
            {
                "policy_name": "read",
                "policy_document": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}]},
            },
        ],
    )
