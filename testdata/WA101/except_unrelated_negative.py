# Checks: no handler note when the call is outside any `try`, in an except clause's body, in a function defined inside the `try`, under a handler of unrelated errors only, or when the handler names an alias wafix cannot see through.
import xml.etree.ElementTree as ET

XML_ERRORS = (ET.ParseError, ValueError)


def no_try(text):
    return ET.fromstring(text)


def in_handler(text):
    try:
        return ET.fromstring(text)
    except XML_ERRORS:
        try:
            return ET.fromstring("<fallback/>")
        except KeyError:
            return None


def nested_def():
    try:
        def parse(text):
            return ET.fromstring(text)
    except ET.ParseError:
        parse = None
    return parse


def unrelated(path):
    try:
        with open(path) as f:
            return ET.fromstring(f.read())
    except OSError:
        return ET.Element("missing")
