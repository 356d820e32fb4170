# Checks: handlers that already name defusedxml's exceptions (the base class, or the subclasses imported from defusedxml) give no handler note.
import xml.etree.ElementTree as ET
import defusedxml
from defusedxml import EntitiesForbidden, ExternalReferenceForbidden


def with_base(text):
    try:
        return ET.fromstring(text)
    except (ET.ParseError, defusedxml.DefusedXmlException):
        return None


def with_subclasses(text):
    try:
        return ET.fromstring(text)
    except ET.ParseError:
        return None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        return ET.Element("rejected")
