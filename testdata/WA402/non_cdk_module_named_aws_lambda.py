import aws_lambda  # a local helper package, not the CDK


def build(stack, code):
    return aws_lambda.Function(stack, "Fn", code=code)
