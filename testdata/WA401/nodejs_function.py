from aws_cdk.aws_lambda_nodejs import NodejsFunction


def build(stack):
    return NodejsFunction(stack, "Node", entry="lambda/index.ts")
