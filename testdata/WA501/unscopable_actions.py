from aws_cdk import aws_iam as iam

# These actions support no resource-level permissions: IAM accepts only "*" for them.
TRACING = iam.PolicyStatement(actions=["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources=["*"])
METRICS = iam.PolicyStatement(actions=["cloudwatch:PutMetricData"], resources=["*"])
VPC_ACCESS = iam.PolicyStatement(
    actions=["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"],
    resources=["*"],
)

# One scopable action among them is enough to report the resource.
MIXED = iam.PolicyStatement(actions=["xray:PutTraceSegments", "s3:GetObject"], resources=["*"])  # expect: WA501


def unknown_actions(role, actions):
    role.add_to_policy(iam.PolicyStatement(actions=actions, resources=["*"]))  # expect: WA501
