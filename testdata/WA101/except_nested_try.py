# Checks: the innermost `try` that catches the parse error decides: an inner KeyError handler is passed over, a module-local exception class cannot catch defusedxml's errors, and two calls under one handler give one note.
from xml.etree.ElementTree import fromstring, tostring


class BadInvoice(Exception):
    pass


def parse(event):
    try:
        try:
            body = event["body"]
            root = fromstring(body)
        except KeyError:
            root = fromstring("<empty/>")
    except (SyntaxError, BadInvoice):
        return None
    return tostring(root)


def parse_pair(first, second):
    try:
        return fromstring(first), fromstring(second)
    except SyntaxError:
        return None, None
