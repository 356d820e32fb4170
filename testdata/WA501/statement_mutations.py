from aws_cdk import aws_iam as iam


def attach(role: iam.Role):
    reader = iam.PolicyStatement(actions=["s3:GetObject"])
    reader.add_all_resources()  # expect: WA501:5
    role.add_to_policy(reader)

    writer = iam.PolicyStatement()
    writer.add_actions("dynamodb:PutItem", "dynamodb:*")  # expect: WA501:5
    writer.add_resources("arn:aws:dynamodb:eu-west-1:123456789012:table/Orders")
    role.add_to_policy(writer)

    both = iam.PolicyStatement(resources=["*"])  # expect: WA501
    both.add_actions("sqs:SendMessage")
    role.add_to_policy(both)

    scoped = iam.PolicyStatement()
    scoped.add_actions("s3:GetObject")
    scoped.add_resources("arn:aws:s3:::reports/*")
    role.add_to_policy(scoped)

    # Gets a principal later: a resource-based statement.
    key_admin = iam.PolicyStatement(actions=["kms:*"], resources=["*"])
    key_admin.add_account_root_principal()
