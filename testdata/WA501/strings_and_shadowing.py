"""Policy-looking text outside policy constructs: nothing to report.

iam.PolicyStatement(actions=["*"], resources=["*"]) in a docstring is only text.
"""
import json

import boto3
from aws_cdk import aws_iam as iam

# iam.PolicyStatement(actions=["s3:*"], resources=["*"])
HELP = 'use iam.PolicyStatement(actions=["s3:*"], resources=["*"]) sparingly'
WILDCARD_EXAMPLE = {"Action": "*", "Resource": "*"}


class PolicyStatement:
    """A local class with the same name as the CDK one."""

    def __init__(self, actions=None, resources=None):
        self.actions = actions
        self.resources = resources


def local_statement():
    return PolicyStatement(actions=["*"], resources=["*"])


def shadowed(iam):
    # `iam` is a parameter here, not the CDK module.
    return iam.PolicyStatement(actions=["*"], resources=["*"])


def scoped():
    # Reported texts above stay text; this real statement is scoped.
    return iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::docs/*"])


def runtime_policy(role_name):
    # boto3 at run time: not a CDK construct (the JSON is still worth a look, but not by WA501).
    boto3.client("iam").put_role_policy(
        RoleName=role_name,
        PolicyName="x",
        PolicyDocument=json.dumps({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
    )
