"""Docs only: _lambda.Function(self, "X", environment={"A": "1"}) and logs.LogGroup(self, "L")."""
from aws_cdk import aws_lambda as _lambda

# logs.LogGroup(self, "Audit") without encryption_key would be reported; this is a comment.
EXAMPLE = '_lambda.Function(self, "X", environment={"A": "1"})'


def describe():
    return "pass environment_encryption to _lambda.Function when environment= is set"
