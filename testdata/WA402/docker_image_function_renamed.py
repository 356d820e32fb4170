from aws_cdk.aws_lambda import DockerImageCode, DockerImageFunction as ImageFn


def build(stack):
    return ImageFn(
        stack,
        "Img",
        code=DockerImageCode.from_image_asset("image"),
    )
