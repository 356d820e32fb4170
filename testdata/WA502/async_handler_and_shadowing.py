import asyncio
import time


class Clock:
    def sleep(self, seconds):
        return seconds


clock = Clock()


def pause(seconds):
    time.sleep(seconds)  # expect: WA502


async def handler(event, context):
    # An async handler (run by an adapter such as Mangum): same cost.
    clock.sleep(3)  # a method named sleep: not time.sleep
    pause(1)
    await asyncio.sleep(1)
    return {"ok": True}
