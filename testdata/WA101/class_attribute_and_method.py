# Checks: a class-body name does not shadow the module import inside methods.
from xml.dom import minidom


class Catalogue:
    minidom = None  # class attribute, not visible as a bare name in methods

    def load(self, body):
        return minidom.parseString(body)
