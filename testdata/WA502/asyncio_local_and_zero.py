import asyncio
import time


def sleep(seconds):
    """A local function named sleep: not time.sleep."""
    return seconds


async def fetch_all(urls):
    # asyncio.sleep yields to the other coroutines: not reported.
    await asyncio.sleep(0.5)
    return urls


def throttle(time):
    # `time` is a parameter here, not the module.
    time.sleep(1)


def lambda_handler(event, context):
    sleep(5)
    time.sleep(0)  # yields the thread, does not wait
    throttle(event)
    return asyncio.run(fetch_all(event["urls"]))
