#!/usr/bin/env python3
"""Are two commits' outputs byte-identical? (issue 14: a refactor must not change what wafix says)

    bench/output_identity.py BEFORE AFTER [CORPUS...]   (default corpora: testdata /usr/lib/python3.11)

Builds `wafix` at each commit in a detached worktree under bench/.work/identity/ (ccache makes a
rebuild cheap), runs on each corpus `wafix diff` (the plain diff) and `wafix check --format json`
(the findings) with the cache off and one fixed order of files, and prints per corpus and format
`identical` or `different`, then each differing file with the rule IDs whose findings or hunks
differ there. The corpus is read where it is, by both builds, so a corpus inside the repository
(testdata) is the working tree's, not each commit's. Exit 0 when everything is identical, 1 when
something differs, 2 when a build fails.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "identity"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def build(commit):
    """The wafix binary of `commit`, built (once) in its own worktree."""
    sha = run(["git", "-C", str(ROOT), "rev-parse", commit], capture_output=True).stdout.strip()
    tree = WORK / sha[:12]
    binary = tree / "build" / "wafix"
    if not tree.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), sha], capture_output=True)
        # The grammar is fetched into node_modules/ (untracked): reuse this checkout's.
        if (ROOT / "node_modules").exists() and not (tree / "node_modules").exists():
            os.symlink(ROOT / "node_modules", tree / "node_modules")
    if not binary.exists():
        print(f"building {commit} ({sha[:12]}) in {tree}", file=sys.stderr)
        run(["cmake", "-S", str(tree), "-B", str(tree / "build"), "-G", "Ninja",
             "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], capture_output=True)
        run(["cmake", "--build", str(tree / "build"), "-j2", "--target", "wafix"], capture_output=True)
    return binary


def outputs(binary, corpus):
    """{format: (bytes of stdout)} for one build on one corpus."""
    common = ["--no-cache", "--no-progress"]  # (--exit-zero is newer than the commits compared)
    got = {}
    for name, args in (("diff", ["diff"]), ("json", ["check", "--format", "json"])):
        # cwd is the corpus so that the paths printed are relative and the same for both builds.
        p = subprocess.run([str(binary), *args, *common, "."], cwd=corpus, capture_output=True)
        if p.returncode not in (0, 1) and not p.stdout:
            sys.exit(f"{binary} {' '.join(args)} on {corpus}: exit {p.returncode}: {p.stderr.decode()[:500]}")
        got[name] = p.stdout
    return got


def diff_by_file(text):
    """{path: its part of the diff}."""
    files, path = {}, None
    for line in text.decode(errors="replace").splitlines(keepends=True):
        m = re.match(r"diff --git a/(.*) b/", line)
        if m:
            path = m.group(1).rstrip("\n")
            files[path] = ""
        if path is not None:
            files[path] += line
    return files


def findings_by_file(raw):
    doc = json.loads(raw or b"[]")
    items = doc if isinstance(doc, list) else doc.get("findings", doc.get("results", []))
    files = {}
    for f in items:
        path = f.get("path") or f.get("filename") or f.get("file") or "?"
        files.setdefault(path, []).append(f)
    return files


def rule_of(f):
    return f.get("rule") or f.get("code") or f.get("rule_id") or "?"


def compare(name, before, after):
    """Prints the verdict for one format; returns True when identical."""
    if before == after:
        print(f"  {name}: identical ({len(before)} bytes)")
        return True
    print(f"  {name}: different ({len(before)} -> {len(after)} bytes)")
    if name == "diff":
        b, a = diff_by_file(before), diff_by_file(after)
        for path in sorted(set(b) | set(a)):
            if b.get(path) != a.get(path):
                rules = sorted(set(re.findall(r"\bWA\d{3}\b", b.get(path, "") + a.get(path, ""))))
                print(f"    {path}: {'added' if path not in b else 'gone' if path not in a else 'changed'}"
                      f"{' (' + ', '.join(rules) + ')' if rules else ''}")
    else:
        b, a = findings_by_file(before), findings_by_file(after)
        for path in sorted(set(b) | set(a)):
            fb, fa = b.get(path, []), a.get(path, [])
            if fb != fa:
                keyed = lambda fs: {json.dumps(f, sort_keys=True): rule_of(f) for f in fs}
                kb, ka = keyed(fb), keyed(fa)
                rules = sorted({r for k, r in kb.items() if k not in ka} | {r for k, r in ka.items() if k not in kb})
                print(f"    {path}: {len(fb)} -> {len(fa)} findings; differ in {', '.join(rules) or 'order'}")
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("corpora", nargs="*", default=[str(ROOT / "testdata"), "/usr/lib/python3.11"])
    args = ap.parse_args()
    try:
        binaries = [build(args.before), build(args.after)]
    except subprocess.CalledProcessError as e:
        print(f"build failed: {' '.join(map(str, e.cmd))}\n{(e.stderr or '')[-2000:]}", file=sys.stderr)
        return 2
    same = True
    for corpus in args.corpora:
        print(f"{corpus} ({args.before} -> {args.after}):")
        b, a = outputs(binaries[0], corpus), outputs(binaries[1], corpus)
        for name in b:
            same &= compare(name, b[name], a[name])
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
