import time as t

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger()


class Client:
    def poll(self):
        t.sleep(1)  # expect: WA502


class Service:
    def __init__(self):
        self.client = Client()

    def run(self):
        return self.client.poll()


class Remote:
    def fetch(self):
        t.sleep(1)  # expect: WA502


class Injected:
    def __init__(self, remote: Remote):
        self.remote = remote

    def run(self):
        return self.remote.fetch()


class Base:
    def settle(self):
        t.sleep(2)  # expect: WA502


class Child(Base):
    def settle(self):
        return super().settle()


def warm(service: Service):
    return service.run()


@logger.inject_lambda_context
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    warm(Service())
    Injected(Remote()).run()
    Child().settle()
    return {"ok": True}
