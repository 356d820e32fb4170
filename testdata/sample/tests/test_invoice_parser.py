"""Unit tests for functions/invoice_parser (run with ``pytest tests``)."""

import importlib.util
import os
import sys
from decimal import Decimal
from types import SimpleNamespace

import pytest

HANDLER_DIR = os.path.join(os.path.dirname(__file__), "..", "functions", "invoice_parser")

# Credentials of the ERP sandbox user; only valid against the local mock.
SANDBOX_USER = "qa-invoices"
SANDBOX_PASSWORD = "Sandb0x-Qa!2024-ErpMock"

INVOICE = """<invoice id="INV-7" currency="EUR">
  <supplier id="SUP-1">Acme Staples</supplier>
  <issueDate>2024-06-01</issueDate>
  <lines><line sku="STP-26" quantity="3" unitPrice="2.50">Staples 26/6</line></lines>
  <total>7.50</total>
</invoice>"""


@pytest.fixture(scope="module")
def handler():
    sys.path.insert(0, HANDLER_DIR)
    spec = importlib.util.spec_from_file_location("invoice_handler", os.path.join(HANDLER_DIR, "handler.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeResponse:
    def __init__(self, payload, status_code=200):
        self._payload = payload
        self.status_code = status_code

    def json(self):
        return self._payload


def test_parse_invoice(handler):
    invoice = handler.parse_invoice(INVOICE)
    assert invoice["supplier"] == "Acme Staples"
    assert invoice["total"] == Decimal("7.50")
    assert invoice["line_items"][0]["amount"] == Decimal("7.50")


def test_parse_invoice_rejects_garbage(handler):
    with pytest.raises(handler.InvoiceParseError):
        handler.parse_invoice("<invoice><supplier>")


def test_handler_books_invoice(handler, monkeypatch):
    calls = []

    def fake_post(url, json=None, headers=None, **kwargs):
        calls.append((url, json, headers))
        return FakeResponse({"reference": "ERP-2024-000123"})

    def fake_get(url, headers=None, **kwargs):
        return FakeResponse({"netDays": 45, "description": "45 days net"})

    monkeypatch.setattr(handler.requests, "post", fake_post)
    monkeypatch.setattr(handler.requests, "get", fake_get)
    monkeypatch.setattr(handler, "ERP_API_KEY", f"{SANDBOX_USER}:{SANDBOX_PASSWORD}")

    result = handler.lambda_handler({"invoice_xml": INVOICE}, SimpleNamespace(aws_request_id="test"))

    assert result["erpReference"] == "ERP-2024-000123"
    assert calls[0][1]["total"] == "7.50"
    assert calls[0][2]["Authorization"].startswith("Bearer qa-invoices:")


def test_handler_api_gateway_bad_request(handler):
    response = handler.lambda_handler({"body": "not xml"}, SimpleNamespace(aws_request_id="test"))
    assert response["statusCode"] == 400
