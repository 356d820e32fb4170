from aws_cdk import aws_lambda as lambda_, aws_lambda_nodejs as nodejs
from aws_cdk.aws_lambda_python_alpha import PythonFunction
from aws_cdk.aws_lambda import DockerImageCode, DockerImageFunction, SingletonFunction

ENV = {"QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"}


def build(scope, key):
    PythonFunction(scope, "Py", entry="src", environment=ENV)  # expect: WA503
    nodejs.NodejsFunction(scope, "Node", entry="src/index.ts", environment=ENV)  # expect: WA503
    DockerImageFunction(scope, "Image", code=DockerImageCode.from_image_asset("img"), environment=ENV)  # expect: WA503
    SingletonFunction(  # expect: WA503
        scope,
        "Singleton",
        uuid="6f2a1c44-7f0b-4c55-9a0e-1f2d3c4b5a69",
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(e, c): pass"),
        environment=ENV,
    )
    PythonFunction(scope, "PyEncrypted", entry="src", environment=ENV, environment_encryption=key)
