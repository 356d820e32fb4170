"""A shared retry helper packaged with several functions: no handler in this module.

The handlers that import it live in other modules, which wafix does not follow.
"""
import random
import time


def backoff(attempt, base=0.2, cap=5.0):
    time.sleep(min(cap, base * 2**attempt) * random.random())


def retry(fn, attempts=3):
    for attempt in range(attempts):
        try:
            return fn()
        except ConnectionError:
            backoff(attempt)
    return fn()


def handler_for(kind):
    # A factory, not a handler: one parameter.
    time.sleep(0.1)
    return kind
