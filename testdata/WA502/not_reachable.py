import time

# Runs once per cold start, not per invocation: not WA502's business.
time.sleep(0.1)


def warm_up_cache():
    time.sleep(1)


def lambda_handler(event, context):
    return {"ok": True}


def main():
    # A command-line entry point without the (event, context) signature.
    time.sleep(3)
    warm_up_cache()


if __name__ == "__main__":
    time.sleep(1)
    main()
