#!/usr/bin/env python3
"""Behaviour check for the sample invoice handler's HTTP calls, before and after wafix.

Usage:
    python3 tests/behaviour/http_sample_behaviour.py --expect original --timeout 1 \
        testdata/sample/functions/invoice_parser/handler.py
    python3 tests/behaviour/http_sample_behaviour.py --expect hardened --timeout 1 \
        OUT/functions/invoice_parser/handler.py

Starts an HTTP server on 127.0.0.1 (port chosen by the OS) that plays the ERP: under /stall it
accepts the request and never answers (until the check ends), under /fail it answers 500 with a
JSON error body, under /ok it answers like the real ERP. For each, ERP_BASE_URL points the
handler at it (the handler reads it when imported, so each check imports a fresh copy) and
lambda_handler runs on a benign invoice.

--expect hardened (wafix's WA201/WA202 output, written with --http-timeout TIMEOUT):
  stall -> requests' Timeout within TIMEOUT plus a small margin (and not much sooner);
  fail  -> requests' HTTPError;
  ok    -> the booking reference from the ERP.
--expect original: stall -> still waiting after TIMEOUT plus the margin; fail -> no HTTPError
  (the error body is booked as data); ok -> the booking reference.

Prints one line per check, then "N passed, M failed"; exits 1 if M > 0.
"""

import argparse
import importlib.util
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

MARGIN = 1.0  # seconds allowed past the configured timeout (scheduling, connect)
STALL_LIMIT = 20.0  # a stalled request is released after this long at the latest

BENIGN_INVOICE = """<?xml version="1.0" encoding="UTF-8"?>
<invoice id="INV-2024-0117" currency="EUR">
  <supplier id="SUP-0042">Contoso Paper Ltd</supplier>
  <issueDate>2024-05-02</issueDate>
  <lines>
    <line sku="PAP-A4-80" quantity="10" unitPrice="4.95">A4 copy paper, 80 g/m2, 500 sheets</line>
  </lines>
  <total>49.50</total>
</invoice>
"""

release = threading.Event()  # set when the checks are over: stalled handlers return


class FakeErp(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the output to the check lines
        pass

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        try:
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a stalled request: that is the point

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        mode = self.path.split("/")[1]
        if mode == "stall":
            release.wait(STALL_LIMIT)
            self._answer(504, {"error": "stalled"})
        elif mode == "fail":
            self._answer(500, {"error": "database unavailable"})
        elif self.path.endswith("/invoices"):
            self._answer(201, {"reference": "ERP-000123"})
        else:
            self._answer(200, {"netDays": 30, "description": "30 days net"})

    do_GET = _handle
    do_POST = _handle


def load_handler(path, base_url, serial):
    os.environ["ERP_BASE_URL"] = base_url
    spec = importlib.util.spec_from_file_location(f"invoice_handler_{serial}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def invoke(module):
    return module.lambda_handler({"invoice_xml": BENIGN_INVOICE}, None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--expect", choices=["original", "hardened"], required=True)
    ap.add_argument("--timeout", type=float, required=True, help="the --http-timeout wafix wrote")
    ap.add_argument("handler")
    args = ap.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeErp)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = []

    def check(name, ok, detail):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")

    try:
        # Stalled ERP.
        module = load_handler(args.handler, f"{base}/stall", 1)
        outcome = {}

        def stalled_call():
            started = time.monotonic()
            try:
                outcome["value"] = invoke(module)
            except Exception as exc:  # recorded and judged below
                outcome["error"] = exc
            outcome["elapsed"] = time.monotonic() - started

        worker = threading.Thread(target=stalled_call, daemon=True)
        worker.start()
        worker.join(args.timeout + MARGIN)
        if args.expect == "hardened":
            err = outcome.get("error")
            elapsed = outcome.get("elapsed")
            ok = (
                isinstance(err, requests.exceptions.Timeout)
                and elapsed is not None
                and args.timeout * 0.9 <= elapsed <= args.timeout + MARGIN
            )
            detail = f"{type(err).__name__ if err else outcome.get('value', 'still waiting')}"
            detail += f" after {elapsed:.2f} s" if elapsed is not None else ""
            check("stalled ERP raises Timeout in time", ok, detail)
        else:
            check("stalled ERP keeps the call waiting", worker.is_alive(), "still waiting" if worker.is_alive() else str(outcome))
        release.set()
        worker.join(STALL_LIMIT)

        # ERP answers 500.
        module = load_handler(args.handler, f"{base}/fail", 2)
        try:
            value, err = invoke(module), None
        except Exception as exc:
            value, err = None, exc
        if args.expect == "hardened":
            ok = isinstance(err, requests.exceptions.HTTPError) and err.response.status_code == 500
            check("ERP 500 raises HTTPError", ok, repr(err) if err else f"returned {value!r}")
        else:
            check("ERP 500 is booked as data", err is None, repr(err) if err else f"returned {value!r}")

        # ERP answers normally.
        module = load_handler(args.handler, f"{base}/ok", 3)
        try:
            value, err = invoke(module), None
        except Exception as exc:
            value, err = None, exc
        ok = err is None and value.get("erpReference") == "ERP-000123"
        check("ERP 200 books the invoice", ok, repr(err) if err else f"returned {value!r}")
    finally:
        release.set()
        server.shutdown()
        server.server_close()

    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
