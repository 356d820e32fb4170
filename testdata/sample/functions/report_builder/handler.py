"""Monthly spend report builder.

Triggered by the OrderWorkflow state machine (and by finance on demand).  It
downloads the month's booked invoices from the ERP export endpoint, merges
them into the report layout that finance maintains in the private
``brightleaf/finance-templates`` GitHub repository, and stores the rendered
report in S3.

lxml is used because the finance layout relies on XPath 1.0 features and
XSLT; the function is therefore packaged with PythonFunction (Docker
bundling) so the lxml wheel matches the Lambda runtime.
"""

import json
import logging
import os
import urllib.request
from datetime import date

import boto3
from lxml import etree

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

ERP_EXPORT_URL = os.environ.get("ERP_EXPORT_URL", "https://erp.brightleaf.example/api/v2/exports/invoices")
TEMPLATE_URL = "https://api.github.com/repos/brightleaf/finance-templates/contents/spend-report.xsl"
REPORT_BUCKET = os.environ.get("REPORT_BUCKET", "brightleaf-finance-reports")
LAYOUT_PATH = os.path.join(os.path.dirname(__file__), "templates", "report_layout.xml")

GITHUB_HEADERS = {
    "Accept": "application/vnd.github.raw+json",
    "Authorization": "token ghp_LyASo3quki94clfPNFbrqAw4qqlb8HiEpT32",
    "X-GitHub-Api-Version": "2022-11-28",
}

# The finance account's bucket is in another AWS account; the cross-account
# role was never set up, so the report writer uses the finance IAM user.
s3 = boto3.client(
    "s3",
    region_name="eu-central-1",
    aws_access_key_id="AKIA42MZA47WIKDNGPS6",
    aws_secret_access_key="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",
)


def fetch(url, headers=None):
    """GET ``url`` and return the raw bytes."""
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req) as resp:
        return resp.read()


def load_invoices(month):
    data = fetch(f"{ERP_EXPORT_URL}?month={month}", headers={"Accept": "application/xml"})
    root = etree.fromstring(data)
    invoices = root.xpath("/invoices/invoice")
    logger.info("ERP export for %s contains %d invoices", month, len(invoices))
    return root


def load_layout():
    """The report skeleton (headings, cost-centre order) shipped with the code."""
    return etree.parse(LAYOUT_PATH)


def load_stylesheet():
    return etree.XSLT(etree.fromstring(fetch(TEMPLATE_URL, headers=GITHUB_HEADERS)))


def render(month, invoices, layout, transform):
    merged = layout.getroot()
    merged.set("month", month)
    merged.append(invoices)
    return transform(merged)


def lambda_handler(event, context):
    month = event.get("month") or date.today().strftime("%Y-%m")
    invoices = load_invoices(month)
    report = render(month, invoices, load_layout(), load_stylesheet())

    key = f"spend/{month}/spend-report.html"
    s3.put_object(
        Bucket=REPORT_BUCKET,
        Key=key,
        Body=etree.tostring(report, method="html", encoding="utf-8"),
        ContentType="text/html",
    )
    logger.info("wrote s3://%s/%s", REPORT_BUCKET, key)
    return {"month": month, "report": f"s3://{REPORT_BUCKET}/{key}"}
