from aws_cdk import Duration, aws_iam as iam, aws_lambda as _lambda, aws_sqs as sqs


def build(stack, code):
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    for name in ("Orders", "Invoices"):
        fn = _lambda.CfnFunction(stack, f"{name}Export", role=role.role_arn, code=code)
        fn.add_override("Properties.Timeout", 60)
