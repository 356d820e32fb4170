import time


def handler(request):
    # One parameter: a web framework view, not a Lambda handler.
    time.sleep(1)


def process(event, context):
    # The (event, context) signature, but not named like a handler: wafix cannot tell.
    time.sleep(1)


def order_handler(event, _context):
    time.sleep(1)  # expect: WA502


def main(evt, ctx):
    time.sleep(1)  # expect: WA502


class Service:
    def lambda_handler(self, event, context):
        # A method: not a module-level handler.
        time.sleep(1)
