# Checks: stdlib import inside a module-level try: rule 2 inserts `import defusedxml.ElementTree` after the whole try statement.
import logging

try:
    import xml.etree.ElementTree as ET
except ImportError:  # pragma: no cover - stripped-down runtime
    logging.error("xml.etree is unavailable in this runtime")
    raise

logger = logging.getLogger(__name__)


def handler(event, context):
    root = ET.fromstring(event["body"])
    summary = ET.Element("summary", count=str(len(root)))
    logger.info("parsed %s", root.tag)
    return {"statusCode": 200, "body": ET.tostring(summary, encoding="unicode")}
