from lxml import etree


def load(path):
    return etree.parse(path)
