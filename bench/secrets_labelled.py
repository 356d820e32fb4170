#!/usr/bin/env python3
"""WA301's recall and precision on peers' own labelled test files.

    bench/secrets_labelled.py [WAFIX_BINARY]   # writes bench/results/secrets_labelled.md

Sources (read as data, never run):
- semgrep-rules' Python test files of its hard-coded secret rules, from the fetched snapshot
  (/work/.mirror/returntocorp+semgrep-rules/repo; WAFIX_MIRROR overrides): `# ruleid: R` labels
  the statement below it as a finding of R, `# ok: R` as clean.
- bandit's examples/hardcoded-passwords.py, from the bandit sdist on PyPI (BANDIT_SDIST names
  the unpacked folder; skipped when absent): each "# Possible hardcoded password" comment labels
  the statement below it.
- testdata/WA301/labelled/labelled_literals.py (`# expect: secret|clean` on each line).

Each file is copied alone into a temporary folder and checked with `wafix check --select WA301
--format json`; a label is found when a finding's line falls in its statement. Peers label
placeholders (`"blerg"`, `"AKIAxxxxxxxxxxxxxxxx"`, `'secret'`) as findings; WA301 does not, by
design (a rewrite of a placeholder breaks working configuration), so each miss is listed with
its line for review.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIRROR = Path(os.environ.get("WAFIX_MIRROR", "/work/.mirror"))
SEMGREP = MIRROR / "returntocorp+semgrep-rules" / "repo" / ".git"
SEMGREP_FILES = {
    "python/boto3/security/hardcoded-token.py": "hardcoded-token",
    "python/jwt/security/jwt-hardcode.py": "jwt-python-hardcoded-secret",
    "python/flask/security/audit/hardcoded-config.py": "avoid_hardcoded_config_SECRET_KEY",
    "python/lang/security/audit/hardcoded-password-default-argument.py": "hardcoded-password-default-argument",
}


def statement_lines(lines, start):
    """1-based lines of the statement starting at `start` (index): to the closing bracket."""
    depth, out = 0, []
    for i in range(start, len(lines)):
        text = lines[i].split("#", 1)[0] if "'" not in lines[i] and '"' not in lines[i] else lines[i]
        out.append(i + 1)
        depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
        if depth <= 0:
            break
    return out


def labels_semgrep(text, rule):
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        s = line.strip().replace(" ", "")
        for tag, positive in (("#ruleid:", True), ("#ok:", False)):
            if s.startswith(tag) and s[len(tag):] == rule:
                j = i + 1
                while j < len(lines) and lines[j].strip().startswith("#"):
                    j += 1
                if j < len(lines):
                    out.append((positive, statement_lines(lines, j), lines[j].strip()))
    return out


def labels_bandit(text):
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        if line.strip().startswith("# Severity:") and i + 1 < len(lines):
            out.append((True, statement_lines(lines, i + 1), lines[i + 1].strip()))
    return out


def labels_expect(text):
    out = []
    for i, line in enumerate(text.splitlines()):
        if "# expect: " in line:
            verdict = line.split("# expect: ", 1)[1].split()[0]
            out.append((verdict == "secret", [i + 1], line.split("# expect:")[0].strip()[:70]))
    return out


def finding_lines(wafix, name, text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text)
        run = subprocess.run([wafix, "check", "--select", "WA301", "--format", "json", name], cwd=tmp,
                             capture_output=True, text=True)
        doc = json.loads(run.stdout)
        return {f["range"]["start"]["line"] for f in doc["findings"]}


def measure(wafix, source, name, text, labels):
    found = finding_lines(wafix, name, text)
    rows = []
    for positive, lines, shown in labels:
        hit = any(line in found for line in lines)
        rows.append((source, positive, hit, lines[0], shown))
    return rows


def main():
    wafix = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "wafix")
    rows = []
    if SEMGREP.exists():
        for path, rule in SEMGREP_FILES.items():
            text = subprocess.run(["git", f"--git-dir={SEMGREP}", "show", f"HEAD:{path}"], capture_output=True,
                                  text=True, check=True).stdout
            rows += measure(wafix, f"semgrep-rules {path}", "module.py", text, labels_semgrep(text, rule))
    bandit = os.environ.get("BANDIT_SDIST")
    if bandit and (Path(bandit) / "examples" / "hardcoded-passwords.py").exists():
        text = (Path(bandit) / "examples" / "hardcoded-passwords.py").read_text()
        rows += measure(wafix, "bandit examples/hardcoded-passwords.py", "module.py", text, labels_bandit(text))
    labelled = ROOT / "testdata" / "WA301" / "labelled" / "labelled_literals.py"
    text = labelled.read_text()
    rows += measure(wafix, "testdata labelled_literals.py", "module.py", text, labels_expect(text))

    out = ["# WA301 on labelled test files", "", "Written by `bench/secrets_labelled.py`.", "",
           "| source | positives | found | negatives | flagged |", "|---|---|---|---|---|"]
    sources = sorted({r[0] for r in rows}, key=lambda s: [r[0] for r in rows].index(s))
    for s in sources:
        pos = [r for r in rows if r[0] == s and r[1]]
        neg = [r for r in rows if r[0] == s and not r[1]]
        out.append(f"| {s} | {len(pos)} | {sum(r[2] for r in pos)} | {len(neg)} | {sum(r[2] for r in neg)} |")
    out += ["", "## Misses and false positives", ""]
    for source, positive, hit, line, shown in rows:
        if positive != hit:
            out.append(f"- {'missed' if positive else 'flagged'}: {source} line {line}: `{shown}`")
    report = "\n".join(out) + "\n"
    (ROOT / "bench" / "results" / "secrets_labelled.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
