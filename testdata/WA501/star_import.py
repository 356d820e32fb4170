from aws_cdk import Stack
from aws_cdk.aws_iam import *


class AdminStack(Stack):
    def grant(self, role):
        role.add_to_policy(PolicyStatement(actions=["iam:*"], resources=["*"]))  # expect: WA501
        role.add_to_policy(PolicyStatement(actions=["iam:GetRole"], resources=["arn:aws:iam::123456789012:role/app"]))
