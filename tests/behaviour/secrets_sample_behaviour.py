#!/usr/bin/env python3
"""Behaviour check for WA301 on the sample project: the fixed handlers read their secrets from
AWS Secrets Manager (moto's server on loopback) and get the literal's value, once per secret.

Usage (with the pinned .venv python):
    secrets_sample_behaviour.py ORIGINAL_SAMPLE FIXED_SAMPLE MANIFEST

ORIGINAL_SAMPLE is the sample before wafix (the expected values are read from its literals with
ast, independently of wafix), FIXED_SAMPLE the same after `wafix fix --secrets-manifest MANIFEST`.
The harness starts `moto_server` on 127.0.0.1 with a free port, creates every secret in the
manifest, points boto3 at it (AWS_ENDPOINT_URL_SECRETS_MANAGER, fake credentials), imports the
fixed handlers and counts GetSecretValue calls with a botocore event hook.

Prints one line per check, then "N passed, M failed"; exits 1 if M > 0.
"""

import ast
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import types
import urllib.request

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    # Never print a value: only whether it matched.
    print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto():
    port = free_port()
    server = os.path.join(os.path.dirname(sys.executable), "moto_server")
    proc = subprocess.Popen([server, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return proc, url
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError("moto_server exited")
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("moto_server did not start")


def literal_values(path):
    """Literal strings of the original handler by where they are bound: name -> value."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    found[t.id] = node.value.value
        elif isinstance(node, ast.keyword) and isinstance(node.value, ast.Constant):
            found[node.arg] = node.value.value
        elif isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and isinstance(v, ast.Constant):
                    found[k.value] = v.value
    return found


def load(path, name):
    sys.path.insert(0, os.path.dirname(path))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.pop(0)


def main():
    original, fixed, manifest_path = sys.argv[1:4]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    check("manifest lists the sample's 5 secrets", len(manifest) == 5, str(len(manifest)))

    proc, url = start_moto()
    try:
        os.environ.update({
            # botocore derives the name from the service id "Secrets Manager" (secrets-manager):
            # AWS_ENDPOINT_URL_SECRETSMANAGER would be ignored.
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": "eu-west-1",
        })
        import boto3

        admin = boto3.session.Session().client("secretsmanager")
        for entry in {e["secret_id"]: e for e in manifest}.values():
            admin.create_secret(Name=entry["secret_id"], SecretString=entry["value"])

        calls = []
        boto3.setup_default_session()
        boto3.DEFAULT_SESSION.events.register(
            "before-parameter-build.secrets-manager.GetSecretValue", lambda params, **kw: calls.append(params["SecretId"]))

        def handler(name):
            return (os.path.join(original, "functions", name, "handler.py"),
                    os.path.join(fixed, "functions", name, "handler.py"))

        # invoice_parser: a module-level constant, read at import and on every request.
        orig, path = handler("invoice_parser")
        expected = literal_values(orig)["ERP_API_KEY"]
        calls.clear()
        m = load(path, "fixed_invoice_parser")
        check("invoice_parser: no literal left", expected not in open(path, encoding="utf-8").read())
        check("invoice_parser: ERP_API_KEY equals the literal", m.ERP_API_KEY == expected)
        headers = [m._erp_headers() for _ in range(5)]
        check("invoice_parser: Authorization header unchanged",
              all(h["Authorization"] == f"Bearer {expected}" for h in headers))
        check("invoice_parser: one GetSecretValue call", len(calls) == 1, str(len(calls)))

        # supplier_sync: a keyword argument inside the handler, evaluated per invocation.
        orig, path = handler("supplier_sync")
        expected = literal_values(orig)["password"]
        calls.clear()
        m = load(path, "fixed_supplier_sync")
        seen = []

        class FakePortal:
            def __init__(self, base_url, username, password):
                seen.append(password)

            def active_suppliers(self):
                return []

        class FakeSession:
            headers = {}

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def post(self, *args, **kwargs):
                # Other rules may add .raise_for_status() to this call.
                return types.SimpleNamespace(raise_for_status=lambda: None, status_code=200)

        m.SupplierPortalClient = FakePortal
        m.s3 = types.SimpleNamespace(put_object=lambda **kw: None)
        m.requests = types.SimpleNamespace(Session=FakeSession)
        for i in range(3):
            m.lambda_handler({}, types.SimpleNamespace(aws_request_id=f"req-{i}"))
        check("supplier_sync: the portal gets the literal password on every invocation",
              len(seen) == 3 and all(p == expected for p in seen))
        check("supplier_sync: one GetSecretValue call for 3 invocations", len(calls) == 1, str(len(calls)))

        # report_builder: a token inside a header string and an AWS key pair in boto3.client().
        orig, path = handler("report_builder")
        values = literal_values(orig)
        calls.clear()
        m = load(path, "fixed_report_builder")
        check("report_builder: GitHub Authorization header equals the literal",
              m.GITHUB_HEADERS["Authorization"] == values["Authorization"])
        creds = m.s3._request_signer._credentials
        check("report_builder: S3 client keys equal the literals",
              creds.access_key == values["aws_access_key_id"] and creds.secret_key == values["aws_secret_access_key"])
        check("report_builder: one GetSecretValue call per secret",
              sorted(calls) == sorted(set(calls)) and len(calls) == 3, str(len(calls)))
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    failed = RESULTS.count(False)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
