#!/usr/bin/env python3
"""Rebuild the public CDK corpus and measure the application model on it.

    bench/cdk_corpus.py build    # extract the Python CDK apps from the fetched snapshots
    bench/cdk_corpus.py measure  # handler resolution of constructs with a literal code path

The snapshots are git directories fetched beforehand (the search tool's fetch verb puts them
under /work/.mirror/<owner>+<name>/repo; WAFIX_MIRROR overrides). Only .py, .json, .yaml, .yml
and .txt files are extracted, and only from apps whose cdk.json runs Python; every other file of
those apps (handlers in JavaScript, Dockerfiles, archives) becomes an empty placeholder so that
"does the handler file exist" keeps its answer while no other fetched code is copied. Nothing in
the corpus is ever run. The corpus lives in bench/.work/cdk-corpus/ (git-ignored); only this
script and the measured figures (bench/results/cdk_model.md) are committed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / ".work" / "cdk-corpus"
MIRROR = Path(os.environ.get("WAFIX_MIRROR", "/work/.mirror"))
REPOS = ["aws-samples/aws-cdk-examples", "cdk-patterns/serverless", "aws-samples/serverless-patterns"]
TEXT = (".py", ".json", ".yaml", ".yml", ".txt")


def git(repo, *args, data=None):
    return subprocess.run(["git", f"--git-dir={repo}", *args], input=data, capture_output=True, check=True).stdout


def python_apps(repo, names):
    """Folders whose cdk.json runs a Python app."""
    apps = []
    for n in names:
        if not n.endswith("cdk.json") or "/node_modules/" in n or "cdk.out" in n:
            continue
        text = git(repo, "show", f"HEAD:{n}").decode("utf-8", "replace")
        try:
            command = json.loads(text).get("app", "")
        except ValueError:
            continue
        if "python" in command or ".py" in command:
            app = n[: -len("cdk.json")]
            # `cdk/` beside `src/`: the functions' code is one folder up.
            if app.rstrip("/").rsplit("/", 1)[-1] in ("cdk", "infra", "infrastructure", "deploy", "deployment"):
                app = app.rstrip("/").rsplit("/", 1)[0] + "/" if "/" in app.rstrip("/") else ""
            apps.append(app)
    return apps


def build():
    CORPUS.mkdir(parents=True, exist_ok=True)
    total = 0
    for slug in REPOS:
        repo = MIRROR / slug.replace("/", "+") / "repo"
        if not repo.exists():
            print(f"missing snapshot {repo}: fetch github:{slug} first", file=sys.stderr)
            continue
        commit = git(repo, "rev-parse", "HEAD").decode().strip()
        names = git(repo, "ls-tree", "-r", "--name-only", "HEAD").decode().splitlines()
        apps = python_apps(repo, names)
        dest_root = CORPUS / slug.replace("/", "+")
        for name in names:
            app = next((a for a in apps if name.startswith(a)), None)
            if app is None or "/node_modules/" in name or "/cdk.out/" in name or "/.venv/" in name:
                continue
            dest = dest_root / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(TEXT):
                dest.write_bytes(git(repo, "show", f"HEAD:{name}"))
            else:
                dest.write_bytes(b"")  # placeholder: the name only
            total += 1
        print(f"{slug}@{commit[:12]}: {len(apps)} Python CDK apps")
    # A repository of its own: inside wafix's work tree, bench/.work/ is git-ignored, and
    # discovery honours .gitignore from the nearest repository up.
    subprocess.run(["git", "init", "-q", str(CORPUS)], check=True)
    print(f"{total} files in {CORPUS}")


def measure():
    wafix = ROOT / "build" / "wafix"
    out = subprocess.run([str(wafix), "app", "--format", "json", "-j", "2", str(CORPUS)], capture_output=True,
                         check=False, cwd=ROOT)
    model = json.loads(out.stdout)
    literal, resolved, not_source, archives, misses = 0, 0, 0, 0, []
    for f in model["functions"]:
        code = f["code"]
        if f["origin"] != "cdk" or not code["literal"]:
            continue
        runtime = f["runtime"].lower()
        if any(k in runtime for k in ("java", "dotnet", "go_1", "provided", "ruby")) or "GoFunction" in f["class"]:
            not_source += 1  # the handler is a class or a binary, not a source file
            continue
        if code["asset_dir"].endswith((".zip", ".jar")) or code["path"].endswith((".zip", ".jar")):
            archives += 1  # the handler is inside a built archive, not in the repository
            continue
        literal += 1
        if code["handler_file"]:
            resolved += 1
        else:
            site = f["construct"]
            misses.append(f"{site['file']}:{site['line']} {f['name']}: path {code['path']!r}, handler "
                          f"{code['handler']!r}")
    functions = [f for f in model["functions"] if f["origin"] == "cdk"]
    kinds = {}
    for f in functions:
        kinds[f["invocation"]] = kinds.get(f["invocation"], 0) + 1
    rate = 100.0 * resolved / literal if literal else 0.0
    lines = [
        "# Application model on the public CDK corpus",
        "",
        f"Corpus: {', '.join(REPOS)} (Python CDK apps; `bench/cdk_corpus.py build`).",
        f"CDK Lambda constructs: {len(functions)}; with a literal code path: {literal + not_source + archives} "
        f"({not_source} Java/Go/.NET/custom runtimes, whose handler is not a source file, and {archives} "
        f"archive assets (.zip/.jar), whose handler is inside a built archive, set aside).",
        f"Handler file resolved: **{resolved} of {literal} ({rate:.1f}%)**.",
        f"Invocation kinds: {', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}.",
        f"Model notes: {len(model['notes'])}.",
        "",
        "## Misses",
        "",
    ] + [f"- `{m}`" for m in misses] + [""]
    text = "\n".join(lines)
    results = ROOT / "bench" / "results" / "cdk_model.md"
    results.write_text(text.replace(str(CORPUS) + "/", "").replace("bench/.work/cdk-corpus/", ""))
    print(text)


if __name__ == "__main__":
    {"build": build, "measure": measure}[sys.argv[1] if len(sys.argv) > 1 else "measure"]()
