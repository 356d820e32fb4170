#!/usr/bin/env python3
"""What WA401 and WA402 do per trigger kind on the public CDK corpus (issue 16).

Runs, per app of the corpus (a folder holding cdk.json), `wafix app --format json` and
`wafix check --format json --select WA401,WA402`, joins the findings to the model's functions,
and prints per invocation kind (sync, async, poll, unknown): functions, function dead-letter
queues proposed, event-source fixes proposed (on_failure, redrive policy), informational
findings, and WA402's caps proposed, marked unsafe or left to a human; then the DLQs proposed on
functions that can only be invoked synchronously (target 0) and how the concurrency budget check
came out per app. Reads the corpus only (never runs its code).

    bench/cdk_trigger_report.py [--corpus bench/.work/cdk-corpus] [--wafix build/wafix]
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTION_DLQ = ("Add a dead-letter queue", "Set dead_letter_queue_enabled")
SOURCE_FIX = ("Send failed batches", "Give the queue a redrive policy")


def wafix_json(wafix: str, args: list[str], cwd: Path) -> dict:
    r = subprocess.run([wafix, *args, "."], cwd=cwd, capture_output=True, text=True)
    if r.returncode > 1:
        raise RuntimeError(f"{cwd}: wafix {' '.join(args)} exited {r.returncode}: {r.stderr[-400:]}")
    return json.loads(r.stdout)


def apps(corpus: Path) -> list[Path]:
    found = sorted(p.parent for p in corpus.rglob("cdk.json") if "node_modules" not in p.parts and "cdk.out" not in p.parts)
    # An app nested in another app's folder is reported on its own, not twice.
    return [a for a in found if not any(o != a and o in a.parents for o in found)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "bench/.work/cdk-corpus"))
    ap.add_argument("--wafix", default=str(ROOT / "build/wafix"))
    a = ap.parse_args()
    wafix = str(Path(a.wafix).resolve())
    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    sync_dlqs, budget = [], collections.Counter()
    for app in apps(Path(a.corpus)):
        model = wafix_json(wafix, ["app", "--format", "json"], app)
        check = wafix_json(wafix, ["check", "--no-cache", "--format", "json", "--select", "WA401,WA402"], app)
        kind = {f["id"]: f.get("invocation") or "unknown" for f in model.get("functions", [])}
        for k in kind.values():
            rows[k]["functions"] += 1
        over_budget = False
        for f in check["findings"]:
            title = (f.get("fix") or {}).get("title", "")
            # An event source's finding may name no function the model resolved: it is a poller's.
            source_side = title.startswith(SOURCE_FIX) or "max_concurrency" in title
            for fid in f.get("functions") or [None]:
                row = rows[kind.get(fid, "poll" if source_side else "unknown")]
                if f["rule"] == "WA401":
                    if title.startswith(FUNCTION_DLQ):
                        row["WA401 function DLQ"] += 1
                        if kind.get(fid) == "sync":
                            sync_dlqs.append(f"{f['file']}:{f['range']['start']['line']} {fid}")
                    elif title.startswith(SOURCE_FIX):
                        row["WA401 event source"] += 1
                    elif f["status"] == "informational":
                        row["WA401 informational"] += 1
                    else:
                        row["WA401 human"] += 1
                else:
                    if "over the" in f["message"] and "account-concurrency" in f["message"]:
                        over_budget = True
                        row["WA402 over budget"] += 1
                    elif title and f["fix"].get("applies", True) and f["status"] == "fix-pending":
                        row["WA402 cap" if "max_concurrency" not in title else "WA402 source max"] += 1
                    elif title:
                        row["WA402 unsafe (sync)"] += 1
                    else:
                        row["WA402 human"] += 1
        budget["apps over budget" if over_budget else "apps within budget"] += 1
    columns = ["functions", "WA401 function DLQ", "WA401 event source", "WA401 informational", "WA401 human",
               "WA402 cap", "WA402 source max", "WA402 unsafe (sync)", "WA402 over budget", "WA402 human"]
    print("| invocation | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for k in sorted(rows):
        print(f"| {k} | " + " | ".join(str(rows[k][c]) for c in columns) + " |")
    total = collections.Counter()
    for r in rows.values():
        total.update(r)
    print("| all | " + " | ".join(str(total[c]) for c in columns) + " |")
    print(f"\napps: {sum(budget.values())} ({budget['apps within budget']} within the concurrency budget, "
          f"{budget['apps over budget']} over)")
    print(f"DLQs proposed on sync-only functions: {len(sync_dlqs)}")
    for s in sync_dlqs:
        print("  " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
