import aws_cdk as cdk
import aws_cdk.aws_iam as aws_iam
from aws_cdk.aws_iam import Effect, PolicyStatement as Stmt, Role


def statements(role: Role):
    role.add_to_policy(Stmt(actions=["sqs:*"], resources=["arn:aws:sqs:eu-west-1:123456789012:orders"]))  # expect: WA501
    role.add_to_policy(aws_iam.PolicyStatement(actions=["sqs:SendMessage"], resources=["*"]))  # expect: WA501
    role.add_to_policy(cdk.aws_iam.PolicyStatement(actions=["*:*"], resources=["*"]))  # expect: WA501
    role.add_to_policy(Stmt(effect=Effect.ALLOW, actions=["S3:*"]))  # expect: WA501
    # Partial wildcards name a family of actions: not reported.
    role.add_to_policy(Stmt(actions=["s3:Get*", "s3:List*"], resources=["arn:aws:s3:::reports/*"]))


def local_import(role):
    from aws_cdk.aws_iam import PolicyStatement as PS

    role.add_to_policy(PS(actions=["lambda:*"], resources=["arn:aws:lambda:eu-west-1:123456789012:function:x"]))  # expect: WA501


def not_imported_here(role, PS):
    # A parameter with the same name as the local import above.
    role.add_to_policy(PS(actions=["lambda:*"], resources=["*"]))
