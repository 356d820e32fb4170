#!/usr/bin/env python3
"""wafix benchmark (issue 8): `wafix diff` against ruff, ast-grep, bandit, semgrep and codemodder.

Called by bench/run.sh after the peers are installed; Python standard library only. It prepares
the corpora, warms the file cache, runs every tool once untimed (that run's JSON output gives the
findings), times the tools interleaved (round 1: A B C ..., round 2: A B C ...) under
/usr/bin/time, measures wafix alone (linearity, threads, cache), profiles wafix with perf, and
writes bench/results/latest.md and latest.json (--quick: quick.md and quick.json) and, after a
full run, the README's Performance block.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from wafix_bench import corpora as C
from wafix_bench import perf_profile
from wafix_bench.report import differences, render, update_readme
from wafix_bench.runner import failure, interleaved, last_line, run_once, summarize
from wafix_bench.tools import SLOW, make_tools, wafix_caps

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = Path(os.environ.get("BENCH_WORK", BENCH / ".work"))
# Outside any git work tree on purpose: wafix, ruff, ast-grep and semgrep honour .gitignore, and
# bench/.work is git-ignored, so corpora under it would be skipped (wafix finds 0 files there).
CORPORA = Path(os.environ.get("BENCH_CORPORA", f"/var/tmp/wafix-bench-{os.getuid()}/corpora"))
OUTS = WORK / "out"
WAFIX = Path(os.environ.get("WAFIX", ROOT / "build" / "wafix"))
STDLIB = Path(os.environ.get("BENCH_STDLIB", "/usr/lib/python3.11"))
SAMPLE = ROOT / "testdata" / "sample"
DEFAULT_CORPORA = "sample,stdlib,mono-4x"


def shorten(argv):
    cmd = " ".join(argv) if isinstance(argv, list) else argv
    return cmd.replace(str(WORK) + "/", "bench/.work/").replace(str(ROOT) + "/", "")


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def machine():
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) // (1024 * 1024)
    osr = "?"
    try:
        osr = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, {osr}, Linux {platform.release()}"


def measure_corpus(cname, cpath, tools, runs_of, timeout, log):
    """Count each tool's findings (one untimed run), then time them interleaved.

    Returns {tool: info} and {tool: [(family, file, line)] or None}. info["status"] is "ok",
    "timeout" (killed after `timeout` s: not run again on this corpus), "failed" (crashed, or its
    output could not be read) or "not-installed"; "why" says what happened for the last two.
    """
    cres, locs, entries, seed = {}, {}, [], {}
    by_name = {t.name: t for t in tools}
    OUTS.mkdir(parents=True, exist_ok=True)
    for t in tools:
        if t.missing:
            cres[t.name] = {"status": "not-installed", "why": shorten(t.missing)}
            locs[t.name] = None
            log(f"  {t.name}: NOT RUN: {t.missing}")
            continue
        o = OUTS / f"{t.name}-{cname}.json"
        o.unlink(missing_ok=True)
        argv = t.counted(".", str(o))
        r = run_once(argv, cwd=cpath, env=t.env, timeout=timeout)
        info = cres[t.name] = {"counted_cmd": shorten(argv)}
        locs[t.name] = None
        if r["timed_out"]:
            info.update(status="timeout", in_run="counting run", completed_runs=0,
                        cpu_at_kill=r["cpu"], rss_at_kill_mib=r["rss_kib"] / 1024)
            (OUTS / f"{t.name}-{cname}.stderr").write_text(r["stderr"])
            log(f"  {t.name}: killed after {timeout:.0f} s ({r['cpu']:.1f} s CPU used by then); "
                f"reported as > {timeout:.0f} s and not run again on {cname}")
            continue
        why = failure(r, t.ok_rc)
        if not why:
            try:
                found = t.parse(r["stdout"], str(o), cpath)
            except (ValueError, KeyError, TypeError, OSError) as ex:
                why = f"its output could not be read ({type(ex).__name__})"
        if why:
            tail = last_line(r["stderr"]) or last_line(r["stdout"]) or "(none)"
            info.update(status="failed", why=f"crashed or failed: {why} in the counting run; "
                                             f"last output line: {tail}")
            (OUTS / f"{t.name}-{cname}.stderr").write_text(r["stderr"])
            log(f"  {t.name}: NOT RUN: {info['why']}")
            continue
        (OUTS / f"{t.name}-{cname}.stdout").write_text(r["stdout"])
        fams = {}
        for fam, _, _ in found:
            fams[fam] = fams.get(fam, 0) + 1
        info.update(status="ok", findings=len(found), families=fams)
        locs[t.name] = found
        timed_argv = t.timed(".", str(o))
        entries.append((t.name, timed_argv, cpath, t.env))
        if timed_argv == argv:
            # The counting pass runs the tools in the same order as a timing round, so when the
            # timed command is the very same one, this run is its first timed run (on the big
            # corpora that saves one run of each slow peer).
            r.pop("stdout")
            seed[t.name] = [r]
            info["counting_run_timed"] = True
        log(f"  {t.name}: {len(found)} findings {fams}"
            + (" (this run is timed run 1)" if t.name in seed else " (counting run, not timed)"))

    timed, failed = interleaved(entries, runs_of, log, timeout,
                                expected_rc=lambda k: by_name[k].ok_rc, seed=seed)
    for k, samples in timed.items():
        info = cres[k]
        info["timed_cmd"] = shorten(next(e[1] for e in entries if e[0] == k))
        if k in failed:
            info.update(status="failed", why=f"crashed or failed: {failed[k]}")
        elif samples and samples[-1]["timed_out"]:
            s = samples[-1]
            info.update(status="timeout", in_run=f"timed run {len(samples)}",
                        completed_runs=len(samples) - 1, cpu_at_kill=s["cpu"],
                        rss_at_kill_mib=s["rss_kib"] / 1024)
        else:
            info["timing"] = summarize(samples)
            info["timed_rc"] = sorted({x["rc"] for x in samples})
    return cres, locs


def wafix_alone(args, caps, scales, timeout, log):
    ex = {}
    wf = [str(WAFIX), "diff", "--color", "never"] + (["--no-cache"] if caps["no_cache"] else [])
    runs = lambda k: args.runs
    if scales:
        log("linearity: " + ", ".join(f"mono-{n}x" for n in scales))
        entries = []
        for n in scales:
            p = CORPORA / f"mono-{n}x"
            C.warm(p)
            entries.append((f"mono-{n}x", wf + ["."], p, None))
        lin, _ = interleaved(entries, runs, log, timeout)
        ex["linearity"] = {k: summarize(v) for k, v in lin.items()}

    stdlib = CORPORA / "stdlib"
    C.warm(stdlib)
    if caps["jobs_flag"]:
        log("threads: -j 1 vs -j 2 on stdlib")
        th, _ = interleaved([(f"j{j}", wf + [caps["jobs_flag"], str(j), "."], stdlib, None) for j in (1, 2)],
                            runs, log, timeout)
        ex["threads"] = {k: summarize(v) for k, v in th.items()}
    else:
        ex["threads"] = None
        log("threads: not measured, `wafix --help` lists no -j/--jobs")

    if caps["no_cache"]:
        log("cache: first run (fresh .wafix_cache) vs second run on the unchanged tree, stdlib")
        wc = [str(WAFIX), "diff", "--color", "never", "."]
        clear = lambda: shutil.rmtree(stdlib / ".wafix_cache", ignore_errors=True)
        cold, hot = [], []
        for r in range(args.runs):
            clear()
            for lst in (cold, hot):
                s = run_once(wc, cwd=stdlib, timeout=timeout)
                s.pop("stdout")
                lst.append(s)
            log(f"  round {r + 1}: first {cold[-1]['wall']:.3f}s, second {hot[-1]['wall']:.3f}s")
        clear()
        ex["cache"] = {"first": summarize(cold), "second": summarize(hot)}
    else:
        ex["cache"] = None
        log("cache: not measured, `wafix --help` lists no --no-cache (no on-disk cache yet)")
    return ex


def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        prog="bench/run.sh", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Environment: BENCH_WORK (peers, logs; default bench/.work), BENCH_CORPORA (default "
               "/var/tmp/wafix-bench-UID/corpora), BENCH_STDLIB (default /usr/lib/python3.11), "
               "WAFIX (default build/wafix). Method and columns: docs/performance.md.")
    ap.add_argument("--quick", action="store_true",
                    help="validate the harness in a few minutes: peers on the sample corpus only, "
                         "monorepo scales 1,4; writes quick.md/quick.json, leaves the README alone")
    ap.add_argument("--corpora", default=None,
                    help=f"corpora the peers are compared on, from sample, stdlib, mono-Nx "
                         f"(default {DEFAULT_CORPORA}; --quick: sample)")
    ap.add_argument("--runs", type=int, default=5,
                    help="timed runs of wafix, ruff and ast-grep per corpus, of every tool on sample, "
                         "and of each wafix-alone measurement (default 5)")
    ap.add_argument("--slow-runs", type=int, default=3,
                    help="timed runs of bandit, semgrep and codemodder on the big corpora (default 3)")
    ap.add_argument("--scales", default=None,
                    help="monorepo copies for the linearity check (default 1,4,16; --quick: 1,4; "
                         "empty: skip it)")
    ap.add_argument("--tools", default="", help="comma list to restrict the peers (wafix always runs)")
    ap.add_argument("--timeout", type=float, default=180.0,
                    help="seconds after which one run is killed with all its processes; the tool is "
                         "then reported as '> TIMEOUT s (timed out)' with a lower-bound ratio and not "
                         "run again on that corpus (default 180)")
    ap.add_argument("--no-profile", action="store_true",
                    help="skip the perf profile of wafix (section 'Where the time goes')")
    ap.add_argument("--out", default=str(BENCH / "results"), help="where the results go (default bench/results)")
    args = ap.parse_args(argv)
    if args.corpora is None:
        args.corpora = "sample" if args.quick else DEFAULT_CORPORA
    if args.scales is None:
        args.scales = "1,4" if args.quick else "1,4,16"
    names = [c for c in args.corpora.split(",") if c]
    for c in names:
        if c not in ("sample", "stdlib") and C.scale_of(c) is None:
            ap.error(f"unknown corpus {c!r}: use sample, stdlib or mono-Nx (e.g. mono-4x)")
    args.corpus_names = names
    return args


def main(argv=None):
    args = parse_args(argv)
    scales = [int(x) for x in args.scales.split(",") if x]
    timeout = args.timeout
    only = set(args.tools.split(",")) | {"wafix"} if args.tools else set()
    WORK.mkdir(parents=True, exist_ok=True)
    logf = open(WORK / "bench.log", "w")

    def log(msg):
        print(msg, flush=True)
        logf.write(msg + "\n")
        logf.flush()

    t_start = time.monotonic()
    started = dt.datetime.now(dt.timezone.utc)
    load_start = loadavg()
    log(f"bench: {started:%Y-%m-%d %H:%M} UTC, load {' '.join(load_start)}"
        + (" (quick run)" if args.quick else ""))
    if not WAFIX.is_file():
        log(f"bench: {WAFIX} is missing; run `make build` (bench/run.sh does)")
        return 2
    monos = [C.scale_of(c) for c in args.corpus_names if C.scale_of(c)]
    C.prepare(CORPORA, STDLIB, SAMPLE, scales + monos)
    caps = wafix_caps(WAFIX)
    tools = make_tools(ROOT, WORK, WAFIX, caps, only)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src", "include", "transforms"],
                           capture_output=True, text=True).stdout.strip()

    corpora = {c: CORPORA / c for c in args.corpus_names}
    stats = {k: C.stats(v) for k, v in corpora.items()}
    stats.setdefault("stdlib", C.stats(CORPORA / "stdlib"))
    big = [c for c in args.corpus_names if c != "sample"]
    R = {"started": started.isoformat(timespec="seconds"), "load_start": load_start,
         "machine": machine(), "wafix_commit": commit + ("+dirty" if dirty else ""),
         "caps": caps, "stats": stats, "quick": args.quick,
         "policy": {"runs": args.runs, "slow_runs": args.slow_runs, "timeout": timeout, "big": big},
         "tools": {t.name: {"version": t.version, "note": t.note, "missing": t.missing} for t in tools},
         "corpora": {}, "differences": {}, "extras": {}}

    for cname, cpath in corpora.items():
        log(f"corpus {cname}: {stats[cname][0]} .py files, {stats[cname][1] / 1e6:.1f} MB; warming")
        C.warm(cpath)
        runs_of = lambda k, c=cname: args.slow_runs if (k in SLOW and c != "sample") else args.runs
        cres, locs = measure_corpus(cname, cpath, tools, runs_of, timeout, log)
        R["corpora"][cname] = cres
        R["differences"][cname] = differences(locs)

    R["extras"] = wafix_alone(args, caps, scales, timeout, log)
    R["profile"] = None if args.no_profile else perf_profile.record(WAFIX, STDLIB, WORK / "perf", log)
    if R["profile"] and "unavailable" in R["profile"]:
        log(f"profile: {R['profile']['unavailable']}")

    R["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    R["elapsed_s"] = time.monotonic() - t_start
    R["load_end"] = loadavg()
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    stem = "quick" if args.quick else "latest"
    (outdir / f"{stem}.json").write_text(json.dumps(R, indent=2, sort_keys=True) + "\n")
    md = render(R, BENCH / "rules" / "DIFFERENCES.md")
    (outdir / f"{stem}.md").write_text(md)
    readme = ""
    if not args.quick and outdir.resolve() == (BENCH / "results").resolve():
        if update_readme(ROOT / "README.md", R):
            readme = "; README.md Performance block updated"
        else:
            readme = "; README.md left alone (stdlib not among --corpora)"
    log(f"wrote {outdir / (stem + '.md')} and {stem}.json in {R['elapsed_s'] / 60:.1f} min "
        f"(load at end {' '.join(R['load_end'])}){readme}")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
