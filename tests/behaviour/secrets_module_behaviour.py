#!/usr/bin/env python3
"""Behaviour check for WA301 on one module: after `wafix fix --secrets-manifest MANIFEST`, the
fixed module imports and reads each module-level secret from AWS Secrets Manager (moto's server on
loopback), getting the literal's value with one GetSecretValue call per secret.

Usage (with the pinned .venv python):
    secrets_module_behaviour.py ORIGINAL.py FIXED.py MANIFEST NAME [NAME...]

NAME is a module-level constant that held a literal secret. Calls are counted on botocore's
client, so both wafix's boto3 helper and Powertools' parameters.get_secret are seen.

Prints one line per check, then "N passed, M failed"; exits 1 if M > 0.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from secrets_sample_behaviour import RESULTS, check, literal_values, load, start_moto  # noqa: E402


def main():
    original, fixed, manifest_path, *names = sys.argv[1:]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    check(f"manifest lists {len(names)} secret(s)", len(manifest) == len(names), str(len(manifest)))
    expected = literal_values(original)
    source = open(fixed, encoding="utf-8").read()
    uses_powertools = "parameters.get_secret(" in source
    print(f"lookup: {'Powertools parameters.get_secret' if uses_powertools else 'boto3 helper'}")

    proc, url = start_moto()
    try:
        os.environ.update({
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": "eu-west-1",
        })
        import boto3
        import botocore.client

        admin = boto3.session.Session().client("secretsmanager")
        for entry in manifest:
            admin.create_secret(Name=entry["secret_id"], SecretString=entry["value"])

        calls = []
        real_call = botocore.client.BaseClient._make_api_call

        def counting_call(self, operation, params):
            if operation == "GetSecretValue":
                calls.append(params["SecretId"])
            return real_call(self, operation, params)

        botocore.client.BaseClient._make_api_call = counting_call
        module = load(fixed, "fixed_module")
        for name in names:
            check(f"{name}: no literal left", expected[name] not in source)
            check(f"{name} equals the literal", getattr(module, name) == expected[name])
        check("one GetSecretValue call per secret", sorted(calls) == sorted(set(calls)) and len(calls) == len(names),
              str(len(calls)))
        if hasattr(module, "lambda_handler"):
            for i in range(3):
                module.lambda_handler({}, None)
            check("no further calls on invocations", len(calls) == len(names), str(len(calls)))
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    failed = RESULTS.count(False)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
