# Checks: handlers that do catch defusedxml's errors (Exception, bare except, BaseException, ValueError alone, in a tuple or in a later clause) give no handler note.
import xml.etree.ElementTree as ET


def broad(text):
    try:
        return ET.fromstring(text)
    except Exception:
        return None


def bare(text):
    try:
        return ET.fromstring(text)
    except:  # noqa: E722
        return None


def base(text):
    try:
        return ET.fromstring(text)
    except BaseException:
        raise


def tuple_with_value_error(text):
    try:
        return ET.fromstring(text)
    except (ET.ParseError, ValueError) as exc:
        raise RuntimeError(str(exc)) from exc


def later_clause(text):
    try:
        return ET.fromstring(text)
    except ET.ParseError:
        return None
    except ValueError:
        return ET.Element("rejected")
