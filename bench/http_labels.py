#!/usr/bin/env python3
"""Precision/recall of WA201 and WA202 on the peers' labelled test files (issue 18).

Reads the labelled files from local git snapshots (never runs them): semgrep-rules'
`use-timeout.py` and `use-raise-for-status.py` (a `# ruleid:` / `# ok:` comment labels the next
code line) and bandit's `examples/requests-missing-timeout.py` (its functional test expects B113
on every requests call of the "Errors" section and on each httpx call there that passes
timeout=None). Runs `wafix check --select RULE` on a copy and prints the confusion table per
file and rule; `--relabel` also applies the lines where issue 18 deliberately departs from a
peer's label (listed in RELABEL, each with the reason).

    bench/http_labels.py [--semgrep GIT_DIR] [--bandit GIT_DIR] [--wafix build/wafix] [--relabel]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEMGREP = {
    "WA201": "python/requests/best-practice/use-timeout.py",
    "WA202": "python/requests/best-practice/use-raise-for-status.py",
}
BANDIT = {"WA201": "examples/requests-missing-timeout.py"}

# Where issue 18 overrides semgrep's label: (rule, file, code line as written) -> expected.
RELABEL_WHY = ("issue 18: a response returned to the caller is not a finding (the caller may check it), "
               "unless a bare `r.raise_for_status` shows the author meant to check it")


def show(git_dir: str, path: str) -> str:
    return subprocess.run(["git", f"--git-dir={git_dir}", "show", f"HEAD:{path}"], check=True,
                          capture_output=True, text=True).stdout


def semgrep_labels(text: str) -> dict[int, bool]:
    """line -> True (ruleid) / False (ok) for the first code line after each label comment."""
    labels, pending = {}, None
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        m = re.match(r"#\s*(ruleid|ok)\s*:", s)
        if m:
            pending = m.group(1) == "ruleid"
        elif s and not s.startswith("#") and pending is not None:
            labels[n], pending = pending, None
    return labels


def bandit_labels(text: str) -> dict[int, bool]:
    labels, section = {}, None
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("# Errors"):
            section = True
        elif s.startswith("# Okay"):
            section = False
        elif section is not None and re.search(r"\b(requests|httpx|not_requests)\.\w+\(", s):
            if s.startswith("requests."):
                labels[n] = section
            elif "httpx." in s:
                labels[n] = section and "timeout=None" in s
            else:
                labels[n] = False
    return labels


def relabel(rule: str, text: str, labels: dict[int, bool]) -> dict[int, bool]:
    """WA202: a response returned (directly, or by name without a real check) is not a finding."""
    if rule != "WA202":
        return labels
    lines = text.splitlines()
    out = dict(labels)
    for n, expected in labels.items():
        if not expected:
            continue
        code = lines[n - 1].strip()
        if code.startswith("return "):
            out[n] = False
        m = re.match(r"(\w+) = requests\.", code)
        if m:
            # Returned later in the same function (before the next assignment to the name).
            for later in lines[n:]:
                t = later.strip()
                if t.startswith(f"{m.group(1)} = ") or t.startswith("def "):
                    break
                if t == f"{m.group(1)}.raise_for_status":
                    break  # the check the author meant (the call was forgotten): still a finding
                if t == f"return {m.group(1)}":
                    out[n] = False
                    break
    return out


def findings(wafix: str, rule: str, text: str) -> set[int]:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "case.py"
        f.write_text(text)
        r = subprocess.run([wafix, "check", "--no-cache", "--select", rule, "case.py"], cwd=tmp,
                           capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"wafix failed: {r.stderr}")
        return {int(m.group(1)) for m in re.finditer(rf"case\.py:(\d+):\d+:? {rule}\b", r.stdout)}


def confusion(labels: dict[int, bool], found: set[int]) -> tuple[int, int, int, int]:
    tp = sum(1 for n, e in labels.items() if e and n in found)
    fn = sum(1 for n, e in labels.items() if e and n not in found)
    fp = sum(1 for n, e in labels.items() if not e and n in found) + len(found - labels.keys())
    tn = sum(1 for n, e in labels.items() if not e and n not in found)
    return tp, fp, fn, tn


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--semgrep", default="/work/.mirror/returntocorp+semgrep-rules/repo/.git")
    ap.add_argument("--bandit", default="/work/.mirror/PyCQA+bandit/repo")
    ap.add_argument("--wafix", default=str(ROOT / "build" / "wafix"))
    ap.add_argument("--relabel", action="store_true", help="apply issue 18's departures from the labels")
    a = ap.parse_args()
    print("| source | rule | TP | FP | FN | TN | precision | recall |")
    print("|---|---|---|---|---|---|---|---|")
    sources = [("semgrep", a.semgrep, SEMGREP, semgrep_labels), ("bandit", a.bandit, BANDIT, bandit_labels)]
    for name, git_dir, files, parse in sources:
        for rule, path in files.items():
            text = show(git_dir, path)
            labels = parse(text)
            if a.relabel:
                labels = relabel(rule, text, labels)
            found = findings(a.wafix, rule, text)
            tp, fp, fn, tn = confusion(labels, found)
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            print(f"| {name} {Path(path).name} | {rule} | {tp} | {fp} | {fn} | {tn} | {p:.0%} | {r:.0%} |")
            for n in sorted(found ^ {k for k, v in labels.items() if v}):
                kind = "FP" if n in found else "FN"
                print(f"|   {kind} line {n} | {text.splitlines()[n - 1].strip()[:70]} | | | | | | |")
    if a.relabel:
        print(f"\nRelabelled: {RELABEL_WHY}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
