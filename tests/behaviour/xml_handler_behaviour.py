#!/usr/bin/env python3
"""Behaviour check for WA101's handler note: run each function of a golden case before and after
the fix, and compare where CPython says the behaviour changes with where wafix put a note.

Usage: xml_handler_behaviour.py ORIGINAL.py FIXED.py UNFIXED

For every module-level function: the original gets malformed XML, the fixed one a small
entity-expansion payload. A function "handles" the input when the parser's own error does not
escape it (ParseError / ExpatError / SAXParseException before, DefusedXmlException after). The
behaviour changes, and a note is due, exactly when the original handles malformed XML and the
fixed one lets defusedxml's error escape. UNFIXED holds wafix's findings ("LINE:COL RULE msg").

Prints one line per function, then "N passed, M failed"; exits 1 if M > 0.
"""

import ast
import importlib.machinery
import importlib.util
import inspect
import os
import sys
import tempfile
import xml.etree.ElementTree
import xml.parsers.expat
import xml.sax

import defusedxml

MALFORMED = "<invoice><supplier>"
BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        "<x>&b;</x>\n")
STDLIB_ERRORS = (xml.etree.ElementTree.ParseError, xml.parsers.expat.ExpatError, xml.sax.SAXParseException)


def load(path, name):
    # A golden's .py.fixed has no .py suffix: name the loader.
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def arguments(fn, text, tmp):
    args = []
    for p in inspect.signature(fn).parameters:
        if p == "event":
            args.append({"body": text})
        elif p == "context":
            args.append(None)
        elif p == "path":
            path = os.path.join(tmp, "input.xml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            args.append(path)
        else:
            args.append(text)
    return args


def handles(fn, text, own_errors, tmp):
    try:
        fn(*arguments(fn, text, tmp))
    except own_errors:
        return False
    except Exception:  # the function's own error (raised from a handler)
        return True
    return True


def main():
    original, fixed, unfixed = sys.argv[1:4]
    tree = ast.parse(open(original, encoding="utf-8").read())
    functions = {n.name: (n.lineno, n.end_lineno) for n in tree.body if isinstance(n, ast.FunctionDef)}
    noted = set()
    for line in open(unfixed, encoding="utf-8"):
        if "does not catch defusedxml" in line:
            row = int(line.split(":", 1)[0])
            noted.update(name for name, (a, b) in functions.items() if a <= row <= b)
    before, after = load(original, "case_before"), load(fixed, "case_after")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in functions:
            was = handles(getattr(before, name), MALFORMED, STDLIB_ERRORS, tmp)
            now = handles(getattr(after, name), BOMB, defusedxml.DefusedXmlException, tmp)
            changed = was and not now
            ok = changed == (name in noted)
            results.append(ok)
            print(f"{'PASS' if ok else 'FAIL'} {name}: handled malformed XML before: {was}, "
                  f"handles defusedxml's error after: {now}, note: {name in noted}")
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
