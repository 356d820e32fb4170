from aws_cdk.aws_cloudfront import Function
from sympy import Function as SymFunction


def build(stack, code):
    f = SymFunction("f")
    return Function(stack, "Rewrite", code=code), f
