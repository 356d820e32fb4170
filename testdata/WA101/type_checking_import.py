# Checks (negative): a stdlib import only under `if TYPE_CHECKING:` (used in annotations) is left alone.
from __future__ import annotations

from typing import TYPE_CHECKING

import defusedxml.ElementTree as DET

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET


def first_child(root: ET.Element) -> ET.Element | None:
    return root[0] if len(root) else None


def handler(event, context):
    child = first_child(DET.fromstring(event["body"]))
    return {"first": child.tag if child is not None else None}
