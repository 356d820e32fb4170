"""Invoice parser Lambda for the Brightleaf Office Supply order pipeline.

Suppliers upload invoices as a small XML document ("invoice-lite", a
trimmed-down UBL dialect agreed with our top suppliers) either through the
public API Gateway endpoint or as the first step of the OrderWorkflow state
machine.  This function:

1. parses the XML into a plain dict (``parse_invoice``),
2. books the invoice in the ERP system and looks up the supplier's payment
   terms,
3. answers with an XML acknowledgement document that the supplier portal
   stores next to the original invoice.
"""

import base64
import json
import logging
import os
from decimal import Decimal, InvalidOperation
import xml.etree.ElementTree as ET

import requests

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

ERP_BASE_URL = os.environ.get("ERP_BASE_URL", "https://erp.brightleaf.example/api/v2")
ERP_TENANT = os.environ.get("ERP_TENANT", "brightleaf-eu")

# TODO(ops-142): move to Secrets Manager before the audit.
ERP_API_KEY = "K4NlIzpnTHt2MT5XSvtxuleswrR4QYX7"

ACK_NAMESPACE = "urn:brightleaf:invoice-ack:1"
TOTAL_TOLERANCE = Decimal("0.01")


class InvoiceParseError(ValueError):
    """Raised when an uploaded invoice cannot be turned into a booking."""


def _required_text(parent, tag):
    """Return the stripped text of ``parent/tag`` or fail with a clear message."""
    node = parent.find(tag)
    if node is None or node.text is None or not node.text.strip():
        raise InvoiceParseError(f"invoice is missing <{tag}>")
    return node.text.strip()


def _decimal(value, what):
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError) as exc:
        raise InvoiceParseError(f"{what} is not a number: {value!r}") from exc


def parse_invoice(xml_text):
    """Parse an invoice-lite XML document.

    Returns a dict with ``invoice_id``, ``currency``, ``issue_date``,
    ``supplier`` (name), ``supplier_id``, ``total`` (Decimal) and
    ``line_items`` (list of dicts with sku, description, quantity,
    unit_price and amount).

    Malformed XML and missing mandatory fields raise InvoiceParseError.
    """
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        raise InvoiceParseError(f"malformed invoice XML: {exc}") from exc

    if root.tag != "invoice":
        raise InvoiceParseError(f"unexpected root element <{root.tag}>")

    supplier_node = root.find("supplier")
    supplier = _required_text(root, "supplier")

    line_items = []
    for line in root.iterfind("lines/line"):
        quantity = _decimal(line.get("quantity"), "line quantity")
        unit_price = _decimal(line.get("unitPrice"), "line unit price")
        line_items.append(
            {
                "sku": line.get("sku", ""),
                "description": (line.text or "").strip(),
                "quantity": quantity,
                "unit_price": unit_price,
                "amount": quantity * unit_price,
            }
        )

    total = _decimal(_required_text(root, "total"), "invoice total")
    computed = sum((item["amount"] for item in line_items), Decimal("0"))
    if line_items and abs(computed - total) > TOTAL_TOLERANCE:
        logger.warning(
            "invoice %s: declared total %s differs from line sum %s",
            root.get("id"),
            total,
            computed,
        )

    return {
        "invoice_id": root.get("id", ""),
        "currency": root.get("currency", "EUR"),
        "issue_date": root.findtext("issueDate", default="").strip(),
        "supplier": supplier,
        "supplier_id": supplier_node.get("id", ""),
        "total": total,
        "line_items": line_items,
    }


def build_acknowledgement(invoice, erp_reference, payment_terms):
    """Build the XML acknowledgement returned to the supplier portal."""
    ack = ET.Element("acknowledgement", {"xmlns": ACK_NAMESPACE})
    ET.SubElement(ack, "invoiceId").text = invoice["invoice_id"]
    ET.SubElement(ack, "supplierId").text = invoice["supplier_id"]
    ET.SubElement(ack, "erpReference").text = erp_reference
    ET.SubElement(ack, "total", {"currency": invoice["currency"]}).text = str(invoice["total"])
    terms = ET.SubElement(ack, "paymentTerms")
    terms.set("days", str(payment_terms.get("netDays", 30)))
    terms.text = payment_terms.get("description", "")
    return ET.tostring(ack, encoding="utf-8", xml_declaration=True)


def _erp_headers():
    return {
        "Authorization": f"Bearer {ERP_API_KEY}",
        "X-Tenant": ERP_TENANT,
        "Content-Type": "application/json",
    }


def _to_erp_payload(invoice):
    """The ERP API wants plain JSON numbers as strings and camelCase keys."""
    return {
        "externalId": invoice["invoice_id"],
        "supplierId": invoice["supplier_id"],
        "issueDate": invoice["issue_date"],
        "currency": invoice["currency"],
        "total": str(invoice["total"]),
        "lines": [
            {
                "sku": item["sku"],
                "description": item["description"],
                "quantity": str(item["quantity"]),
                "unitPrice": str(item["unit_price"]),
            }
            for item in invoice["line_items"]
        ],
    }


def _extract_xml(event):
    """Accept API Gateway proxy events as well as Step Functions input."""
    if "body" in event:
        body = event["body"] or ""
        if event.get("isBase64Encoded"):
            body = base64.b64decode(body)
        return body
    return event["invoice_xml"]


def lambda_handler(event, context):
    from_api_gateway = "body" in event
    request_id = getattr(context, "aws_request_id", "local")

    try:
        invoice = parse_invoice(_extract_xml(event))
    except InvoiceParseError as exc:
        logger.info("rejecting invoice (request %s): %s", request_id, exc)
        if from_api_gateway:
            return {"statusCode": 400, "body": json.dumps({"error": str(exc)})}
        raise

    logger.info(
        "parsed invoice %s from %s: %d lines, total %s %s",
        invoice["invoice_id"],
        invoice["supplier_id"],
        len(invoice["line_items"]),
        invoice["total"],
        invoice["currency"],
    )

    booking = requests.post(
        f"{ERP_BASE_URL}/invoices",
        json=_to_erp_payload(invoice),
        headers=_erp_headers()
    )
    erp_reference = booking.json().get("reference", "")

    terms = requests.get(
        f"{ERP_BASE_URL}/suppliers/{invoice['supplier_id']}/payment-terms",
        headers=_erp_headers(),
    )
    payment_terms = terms.json()

    ack = build_acknowledgement(invoice, erp_reference, payment_terms)

    if from_api_gateway:
        return {
            "statusCode": 200,
            "headers": {"Content-Type": "application/xml"},
            "body": ack.decode("utf-8"),
        }
    return {
        "invoiceId": invoice["invoice_id"],
        "supplierId": invoice["supplier_id"],
        "erpReference": erp_reference,
        "total": str(invoice["total"]),
        "currency": invoice["currency"],
    }
