# Checks: a function that rebinds the module name with `global` makes the binding ambiguous.
import xml.etree.ElementTree as ET


def use_lxml():
    global ET
    from lxml import etree as ET


def load(body):
    return ET.fromstring(body)
