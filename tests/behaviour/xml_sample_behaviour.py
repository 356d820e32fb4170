#!/usr/bin/env python3
"""Behaviour check for the sample invoice parser, before and after wafix.

Usage:
    python3 tests/behaviour/xml_sample_behaviour.py --expect vulnerable \
        testdata/sample/functions/invoice_parser/handler.py
    python3 tests/behaviour/xml_sample_behaviour.py --expect defused \
        OUT/functions/invoice_parser/handler.py

It imports the handler from its path and calls ``parse_invoice`` with
(a) a benign invoice, (b) a small "billion laughs" entity-expansion payload
and (c) an external-entity (XXE) payload.

--expect vulnerable: the stdlib parser is in use; (b) must expand the
entities and (c) must not raise any defusedxml exception.
--expect defused: defusedxml is in use; (b) must raise
defusedxml.EntitiesForbidden and (c) EntitiesForbidden or
ExternalReferenceForbidden (possibly wrapped by the handler's own error,
found through __cause__ / __context__).

Prints one line per check, then "N passed, M failed"; exits 1 if M > 0.
"""

import argparse
import importlib.util
import os
import sys
from decimal import Decimal

try:
    import defusedxml
except ImportError:  # only acceptable for --expect vulnerable
    defusedxml = None

BENIGN_INVOICE = """<?xml version="1.0" encoding="UTF-8"?>
<invoice id="INV-2024-0117" currency="EUR">
  <supplier id="SUP-0042">Contoso Paper Ltd</supplier>
  <issueDate>2024-05-02</issueDate>
  <lines>
    <line sku="PAP-A4-80" quantity="10" unitPrice="4.95">A4 copy paper, 80 g/m2, 500 sheets</line>
    <line sku="ENV-C5-100" quantity="4" unitPrice="20.10">C5 envelopes, box of 100</line>
  </lines>
  <total>129.90</total>
</invoice>
"""

LEVELS = 5
FANOUT = 10
WORD = "lol"


def billion_laughs_payload():
    """Entity-expansion bomb, kept small: WORD * FANOUT**LEVELS = 300 kB."""
    decls = [f'  <!ENTITY lol0 "{WORD}">']
    for level in range(1, LEVELS + 1):
        refs = f"&lol{level - 1};" * FANOUT
        decls.append(f'  <!ENTITY lol{level} "{refs}">')
    return (
        '<?xml version="1.0"?>\n'
        "<!DOCTYPE invoice [\n" + "\n".join(decls) + "\n]>\n"
        '<invoice id="INV-BOMB" currency="EUR">\n'
        f'  <supplier id="SUP-6666">&lol{LEVELS};</supplier>\n'
        "  <issueDate>2024-05-02</issueDate>\n"
        "  <lines/>\n"
        "  <total>1.00</total>\n"
        "</invoice>\n"
    )


EXPANDED_LENGTH = len(WORD) * FANOUT ** LEVELS

XXE_PAYLOAD = (
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    "<invoice>&e;</invoice>"
)


def exception_chain(exc):
    """exc, then everything reachable through __cause__ / __context__."""
    seen = []
    todo = [exc]
    while todo:
        cur = todo.pop(0)
        if cur is None or any(cur is s for s in seen):
            continue
        seen.append(cur)
        todo.append(cur.__cause__)
        todo.append(cur.__context__)
    return seen


def find_in_chain(exc, classes):
    if not classes:
        return None
    for cur in exception_chain(exc):
        if isinstance(cur, classes):
            return cur
    return None


def describe(exc):
    return " <- ".join(f"{type(e).__module__}.{type(e).__name__}: {e}"[:200]
                       for e in exception_chain(exc))


def load_handler(path):
    sys.dont_write_bytecode = True  # leave no __pycache__ next to the handler
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location("wafix_behaviour_invoice_handler", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, msg):
        self.passed += 1
        print(f"ok: {msg}")

    def fail(self, msg):
        self.failed += 1
        print(f"FAIL: {msg}")


def check_benign(parse_invoice, res):
    try:
        inv = parse_invoice(BENIGN_INVOICE)
    except Exception as exc:  # noqa: BLE001 - report anything
        res.fail(f"benign invoice raised {describe(exc)}")
        return
    problems = []

    def expect(label, got, want):
        if got != want:
            problems.append(f"{label}: got {got!r}, want {want!r}")

    if not isinstance(inv, dict):
        res.fail(f"benign invoice: parse_invoice returned {type(inv).__name__}, not dict")
        return
    expect("invoice_id", inv.get("invoice_id"), "INV-2024-0117")
    expect("currency", inv.get("currency"), "EUR")
    expect("issue_date", inv.get("issue_date"), "2024-05-02")
    expect("supplier", inv.get("supplier"), "Contoso Paper Ltd")
    expect("supplier_id", inv.get("supplier_id"), "SUP-0042")
    expect("total", Decimal(str(inv.get("total"))), Decimal("129.90"))
    items = inv.get("line_items") or []
    expect("len(line_items)", len(items), 2)
    if len(items) == 2:
        expect("line 1 sku", items[0].get("sku"), "PAP-A4-80")
        expect("line 1 quantity", Decimal(str(items[0].get("quantity"))), Decimal("10"))
        expect("line 1 unit_price", Decimal(str(items[0].get("unit_price"))), Decimal("4.95"))
        expect("line 1 amount", Decimal(str(items[0].get("amount"))), Decimal("49.50"))
        expect("line 2 sku", items[1].get("sku"), "ENV-C5-100")
        expect("line 2 description", items[1].get("description"), "C5 envelopes, box of 100")
        expect("line 2 amount", Decimal(str(items[1].get("amount"))), Decimal("80.40"))
    if problems:
        res.fail("benign invoice parsed wrongly: " + "; ".join(problems))
    else:
        res.ok("benign invoice parsed")


def check_billion_laughs(parse_invoice, expect, res):
    forbidden = (defusedxml.EntitiesForbidden,) if defusedxml else ()
    try:
        inv = parse_invoice(billion_laughs_payload())
    except Exception as exc:  # noqa: BLE001
        hit = find_in_chain(exc, forbidden)
        if expect == "defused":
            if hit is not None:
                res.ok(f"billion laughs rejected ({type(hit).__name__})")
            else:
                res.fail(f"billion laughs: expected defusedxml.EntitiesForbidden, got {describe(exc)}")
        else:
            res.fail(f"billion laughs: expected expansion (vulnerable), got {describe(exc)}")
        return
    if expect == "defused":
        res.fail("billion laughs: parse_invoice returned normally, entities were not forbidden")
        return
    supplier = inv.get("supplier", "") if isinstance(inv, dict) else ""
    if len(supplier) == EXPANDED_LENGTH and supplier == WORD * (FANOUT ** LEVELS):
        res.ok(f"billion laughs expanded to {len(supplier)} chars (vulnerable, as expected)")
    else:
        res.fail(f"billion laughs: expected supplier of {EXPANDED_LENGTH} chars, got {len(supplier)}")


def check_external_entity(parse_invoice, expect, res):
    forbidden = ()
    if defusedxml:
        forbidden = (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden)
    any_defused = (defusedxml.DefusedXmlException,) if defusedxml else ()
    try:
        parse_invoice(XXE_PAYLOAD)
    except Exception as exc:  # noqa: BLE001
        if expect == "defused":
            hit = find_in_chain(exc, forbidden)
            if hit is not None:
                res.ok(f"external entity rejected ({type(hit).__name__})")
            else:
                res.fail(f"external entity: expected a defusedxml error, got {describe(exc)}")
        else:
            hit = find_in_chain(exc, any_defused)
            if hit is None:
                res.ok(f"external entity not blocked by defusedxml (stdlib raised {type(exc).__name__})")
            else:
                res.fail(f"external entity: unexpected defusedxml error {describe(exc)}")
        return
    if expect == "defused":
        res.fail("external entity: parse_invoice returned normally, no defusedxml error")
    else:
        res.ok("external entity not blocked by defusedxml (parse returned)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--expect", required=True, choices=["defused", "vulnerable"])
    ap.add_argument("handler", help="path to functions/invoice_parser/handler.py")
    args = ap.parse_args(argv)

    res = Results()
    checks = 3
    if args.expect == "defused" and defusedxml is None:
        res.fail("defusedxml is not importable by this interpreter")
        print(f"{res.passed} passed, {checks} failed")
        return 1
    try:
        module = load_handler(args.handler)
        parse_invoice = module.parse_invoice
    except Exception as exc:  # noqa: BLE001
        res.fail(f"could not load parse_invoice from {args.handler}: {describe(exc)}")
        print(f"{res.passed} passed, {checks} failed")
        return 1

    check_benign(parse_invoice, res)
    check_billion_laughs(parse_invoice, args.expect, res)
    check_external_entity(parse_invoice, args.expect, res)

    print(f"{res.passed} passed, {res.failed} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
