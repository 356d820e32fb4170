from aws_cdk import aws_cloudfront as cloudfront


def build(stack):
    return cloudfront.Function(
        stack,
        "Rewrite",
        code=cloudfront.FunctionCode.from_inline("function handler(e) { return e.request; }"),
    )
