"""Supplier catalogue sync.

Runs every night (EventBridge schedule) and on demand from the back office.
For every active supplier it:

* asks the supplier portal to export the current price catalogue and polls
  until the export job is finished,
* parses the exported catalogue XML and pushes stock levels to the legacy
  warehouse system (XML-RPC, still running on the on-prem box),
* writes a small XML sync report to S3 and posts it to the purchasing team's
  webhook.
"""

import json
import logging
import os
import time
import xmlrpc.client
from datetime import datetime, timezone
from xml.dom import minidom

import boto3
import requests

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

PORTAL_URL = os.environ.get("SUPPLIER_PORTAL_URL", "https://suppliers.brightleaf.example/api")
PORTAL_USER = os.environ.get("SUPPLIER_PORTAL_USER", "svc-orders-sync")
WAREHOUSE_RPC_URL = os.environ.get("WAREHOUSE_RPC_URL", "http://wms-legacy.brightleaf.internal:8069/xmlrpc/2/object")
REPORT_BUCKET = os.environ.get("REPORT_BUCKET", "brightleaf-supplier-sync-reports")
PURCHASING_WEBHOOK = os.environ.get("PURCHASING_WEBHOOK", "https://hooks.brightleaf.example/purchasing/supplier-sync")

POLL_INTERVAL_SECONDS = 5
MAX_POLLS = 24  # two minutes; exports of the big suppliers take ~90 s

s3 = boto3.client("s3")


class ExportTimeout(RuntimeError):
    """The supplier portal did not finish the export in time."""


class SupplierPortalClient:
    """Thin wrapper around the supplier portal REST API."""

    def __init__(self, base_url, username, password):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.auth = (username, password)
        self.session.headers.update({"Accept": "application/json", "User-Agent": "brightleaf-supplier-sync/1.4"})

    def active_suppliers(self):
        resp = self.session.get(f"{self.base_url}/suppliers", params={"status": "active"})
        return resp.json()["items"]

    def start_export(self, supplier_id):
        resp = self.session.post(f"{self.base_url}/suppliers/{supplier_id}/catalogue/exports")
        return resp.json()["jobId"]

    def export_status(self, job_id):
        resp = self.session.get(f"{self.base_url}/exports/{job_id}")
        return resp.json()

    def download(self, url):
        resp = self.session.get(url, headers={"Accept": "application/xml"})
        return resp.content


def wait_for_export(client, job_id):
    """Poll the portal until the export job is done and return its download URL."""
    for attempt in range(1, MAX_POLLS + 1):
        status = client.export_status(job_id)
        if status["state"] == "done":
            return status["downloadUrl"]
        if status["state"] == "failed":
            raise RuntimeError(f"export {job_id} failed: {status.get('message')}")
        logger.debug("export %s still %s (poll %d)", job_id, status["state"], attempt)
        time.sleep(POLL_INTERVAL_SECONDS)
    raise ExportTimeout(f"export {job_id} not ready after {MAX_POLLS * POLL_INTERVAL_SECONDS} s")


def parse_catalogue(body):
    """Return [{'sku', 'name', 'price', 'stock'}] from a catalogue export."""
    doc = minidom.parseString(body)
    items = []
    for node in doc.getElementsByTagName("item"):
        items.append(
            {
                "sku": node.getAttribute("sku"),
                "name": node.getAttribute("name"),
                "price": node.getAttribute("price"),
                "stock": int(node.getAttribute("stock") or 0),
            }
        )
    return items


def push_stock_levels(supplier_id, items):
    """Update on-hand quantities in the legacy warehouse system."""
    wms = xmlrpc.client.ServerProxy(WAREHOUSE_RPC_URL, allow_none=True)
    updates = [{"sku": i["sku"], "qty": i["stock"], "supplier": supplier_id} for i in items]
    result = wms.stock.bulk_update(updates)
    logger.info("warehouse accepted %s of %d stock updates for %s", result.get("accepted"), len(updates), supplier_id)
    return result


def build_report(results):
    """Build the XML sync report for purchasing."""
    doc = minidom.Document()
    root = doc.createElement("supplierSync")
    root.setAttribute("generatedAt", datetime.now(timezone.utc).isoformat())
    doc.appendChild(root)
    for supplier_id, outcome in results.items():
        node = doc.createElement("supplier")
        node.setAttribute("id", supplier_id)
        node.setAttribute("status", outcome["status"])
        node.setAttribute("items", str(outcome.get("items", 0)))
        if outcome.get("error"):
            node.appendChild(doc.createTextNode(outcome["error"]))
        root.appendChild(node)
    return doc.toprettyxml(indent="  ", encoding="utf-8")


def lambda_handler(event, context):
    client = SupplierPortalClient(
        PORTAL_URL,
        username=PORTAL_USER,
        password="Vq7#mR2x!Lp9Wd4Ke",
    )

    wanted = set(event.get("supplierIds") or [])
    suppliers = [s for s in client.active_suppliers() if not wanted or s["id"] in wanted]
    logger.info("syncing %d suppliers", len(suppliers))

    results = {}
    for supplier in suppliers:
        supplier_id = supplier["id"]
        try:
            job_id = client.start_export(supplier_id)
            download_url = wait_for_export(client, job_id)
            items = parse_catalogue(client.download(download_url))
            push_stock_levels(supplier_id, items)
            results[supplier_id] = {"status": "ok", "items": len(items)}
        except Exception as exc:  # keep going with the other suppliers
            logger.exception("sync failed for supplier %s", supplier_id)
            results[supplier_id] = {"status": "error", "error": str(exc)}

    report = build_report(results)
    key = f"reports/{datetime.now(timezone.utc):%Y/%m/%d}/supplier-sync-{context.aws_request_id}.xml"
    s3.put_object(Bucket=REPORT_BUCKET, Key=key, Body=report, ContentType="application/xml")

    with requests.Session() as s:
        s.headers["Content-Type"] = "application/xml"
        s.post(PURCHASING_WEBHOOK, data=report)

    failed = [sid for sid, r in results.items() if r["status"] != "ok"]
    return {"synced": len(results) - len(failed), "failed": failed, "report": f"s3://{REPORT_BUCKET}/{key}"}
