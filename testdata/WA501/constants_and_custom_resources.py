from aws_cdk import aws_iam as iam
from aws_cdk import custom_resources as cr

ALL = "*"
QUEUE_ACTIONS = ["sqs:*"]
READ_ACTIONS = ["s3:GetObject", "s3:ListBucket"]
BUCKET_ARNS = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]


def build(scope, role):
    role.add_to_policy(iam.PolicyStatement(actions=QUEUE_ACTIONS, resources=[ALL]))  # expect: WA501
    role.add_to_policy(iam.PolicyStatement(actions=READ_ACTIONS + ["s3:*"], resources=BUCKET_ARNS))  # expect: WA501
    role.add_to_policy(iam.PolicyStatement(actions=[*READ_ACTIONS], resources=BUCKET_ARNS))
    cr.AwsCustomResource(
        scope,
        "Lookup",
        on_create=cr.AwsSdkCall(service="SSM", action="getParameter", parameters={"Name": "x"},
                                physical_resource_id=cr.PhysicalResourceId.of("x")),
        policy=cr.AwsCustomResourcePolicy.from_sdk_calls(resources=cr.AwsCustomResourcePolicy.ANY_RESOURCE),  # expect: WA501
    )
    cr.AwsCustomResource(
        scope,
        "ScopedLookup",
        on_create=cr.AwsSdkCall(service="SSM", action="getParameter", parameters={"Name": "x"},
                                physical_resource_id=cr.PhysicalResourceId.of("x")),
        policy=cr.AwsCustomResourcePolicy.from_sdk_calls(
            resources=["arn:aws:ssm:eu-west-1:123456789012:parameter/x"]
        ),
    )
