# Checks: a module alias listed in __all__ is re-exported whole, so it is routed, not swapped.
import xml.etree.ElementTree as ET

__all__ = ["ET", "load"]


def load(body):
    return ET.fromstring(body)
