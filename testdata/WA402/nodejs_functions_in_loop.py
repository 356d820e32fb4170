from aws_cdk import aws_lambda_nodejs as nodejs


def build(stack):
    fns = []
    for name in ["orders", "invoices"]:
        fns.append(
            nodejs.NodejsFunction(
                stack,
                f"{name}-fn",
                entry=f"lambda/{name}.ts",
            )
        )
    return fns
