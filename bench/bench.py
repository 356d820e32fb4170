#!/usr/bin/env python3
"""wafix benchmark (issue 8): wafix diff against ruff, ast-grep, bandit, semgrep and codemodder.

Called by bench/run.sh after the peers are installed; stdlib only. It prepares the corpora,
warms the file cache, runs every tool once untimed (that run's JSON output gives the findings),
then times the tools interleaved (round 1: A B C ..., round 2: A B C ..., ...) under
/usr/bin/time, and writes bench/results/latest.md and latest.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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

# Rule families: the unit in which findings are compared across tools.
FAMILIES = ["timeout", "status", "secrets", "xml", "xml-import", "xmlrpc", "lxml",
            "lambda-dlq", "lambda-concurrency", "report-only", "other"]
WAFIX_FAMILY = {"WA101": "xml", "WA102": "xmlrpc", "WA103": "lxml", "WA201": "timeout",
                "WA202": "status", "WA301": "secrets", "WA401": "lambda-dlq",
                "WA402": "lambda-concurrency", "WA501": "report-only", "WA502": "report-only",
                "WA503": "report-only"}

RUFF_RULES = ["S113", "S105", "S106", "S107", "S313", "S314", "S315", "S316", "S317", "S318", "S319"]
BANDIT_TESTS = ["B113", "B105", "B106", "B107", "B313", "B314", "B315", "B316", "B317", "B318",
                "B319", "B405", "B406", "B407", "B408", "B409", "B411"]
CODEMODS = ["pixee:python/use-defusedxml", "pixee:python/add-requests-timeouts"]

# Targets of issue 8, as speed-ups of wafix over the peer (peer time / wafix time).
TARGETS = {"ruff": 1.0, "ast-grep": 3.0, "bandit": 50.0, "semgrep": 20.0, "codemodder": 50.0}


def sh(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


def venv_bin(tool, exe):
    return str(WORK / f"venv-{tool}" / "bin" / exe)


# ---------------------------------------------------------------- corpora

def copy_py_tree(src: Path, dst: Path):
    """Copy the .py files of src (the sample also keeps its other files) to dst."""
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        rel = Path(dirpath).relative_to(src)
        for f in sorted(filenames):
            if src == STDLIB and not f.endswith(".py"):
                continue
            (dst / rel).mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(dirpath) / f, dst / rel / f)


def prepare_corpora(scales):
    stamp = CORPORA / ".stamp"
    want = json.dumps({"stdlib": str(STDLIB), "scales": sorted(scales), "v": 2})
    if stamp.exists() and stamp.read_text() == want:
        return
    if CORPORA.exists():
        shutil.rmtree(CORPORA)
    CORPORA.mkdir(parents=True)
    copy_py_tree(STDLIB, CORPORA / "stdlib")
    copy_py_tree(SAMPLE, CORPORA / "sample")
    for n in scales:
        mono = CORPORA / f"mono-{n}x"
        for i in range(n):
            shutil.copytree(CORPORA / "stdlib", mono / f"copy{i:02d}" / "stdlib")
            shutil.copytree(CORPORA / "sample", mono / f"copy{i:02d}" / "sample")
    for d in CORPORA.iterdir():
        if d.is_dir():
            # semgrep's built-in default ignore list skips tests/ and test/ dirs; an empty
            # .semgrepignore makes it scan what the other tools scan.
            (d / ".semgrepignore").write_text("")
    stamp.write_text(want)


def corpus_stats(path: Path):
    files = [p for p in path.rglob("*.py")]
    return len(files), sum(p.stat().st_size for p in files)


def warm(path: Path):
    for p in path.rglob("*"):
        if p.is_file():
            with open(p, "rb") as fh:
                while fh.read(1 << 20):
                    pass


# ---------------------------------------------------------------- tools

def wafix_help():
    out = ""
    for argv in ([str(WAFIX), "--help"], [str(WAFIX), "diff", "--help"]):
        r = sh(argv)
        out += r.stdout + r.stderr
    return out


def wafix_caps():
    h = wafix_help()
    jobs = None
    if re.search(r"(^|[\s,])-j\b", h):
        jobs = "-j"
    elif "--jobs" in h:
        jobs = "--jobs"
    return {"jobs_flag": jobs, "no_cache": "--no-cache" in h}


class Tool:
    """One benchmarked command: argv for the timed run, argv for the counting run, a parser."""

    def __init__(self, name, version, timed, counted=None, parse=None, env=None, note=""):
        self.name, self.version, self.timed = name, version, timed
        self.counted = counted or timed
        self.parse = parse
        self.env = env
        self.note = note
        self.error = None


def parse_wafix(out):
    d = json.loads(out)
    fam = {}
    for rule, n in d.get("summary", {}).get("by_rule", {}).items():
        f = WAFIX_FAMILY.get(rule, "other")
        fam[f] = fam.get(f, 0) + n
    return d["summary"]["findings"], fam, d["summary"].get("files")


def parse_ruff(out):
    d = json.loads(out or "[]")
    fam = {}
    n = 0
    for x in d:
        code = x.get("code") or ""
        if code == "S113":
            f = "timeout"
        elif code in ("S105", "S106", "S107"):
            f = "secrets"
        elif code.startswith("S31"):
            f = "xml"
        else:
            continue  # syntax errors are not findings
        n += 1
        fam[f] = fam.get(f, 0) + 1
    return n, fam, None


def parse_bandit(out):
    d = json.loads(out)
    fam = {}
    for x in d.get("results", []):
        t = x["test_id"]
        if t == "B113":
            f = "timeout"
        elif t in ("B105", "B106", "B107"):
            f = "secrets"
        elif t == "B411":
            f = "xmlrpc"
        elif t.startswith("B4"):
            f = "xml-import"
        else:
            f = "xml"
        fam[f] = fam.get(f, 0) + 1
    files = len(d.get("metrics", {})) - 1 if d.get("metrics") else None
    return len(d.get("results", [])), fam, files


SG_FAMILY = {"requests-without-timeout": "timeout", "urlopen-without-timeout": "timeout",
             "stdlib-xml-parse": "xml", "stdlib-xml-import": "xml-import",
             "lxml-parse-without-parser": "lxml", "lambda-without-dlq": "lambda-dlq",
             "lambda-without-reserved-concurrency": "lambda-concurrency"}


def parse_astgrep(out):
    d = json.loads(out or "[]")
    fam = {}
    for x in d:
        f = SG_FAMILY.get(x.get("ruleId"), "other")
        fam[f] = fam.get(f, 0) + 1
    return len(d), fam, len({x["file"] for x in d}) if d else 0


SEMGREP_FAMILY = [("wa201-", "timeout"), ("wa202-", "status"), ("wa301-", "secrets"),
                  ("wa101-", "xml"), ("wa102-", "xmlrpc"), ("wa103-", "lxml"),
                  ("wa401-", "lambda-dlq"), ("wa402-", "lambda-concurrency")]


def parse_semgrep(out):
    d = json.loads(out)
    fam = {}
    for x in d.get("results", []):
        cid = x["check_id"].rsplit(".", 1)[-1]
        f = next((fam_ for p, fam_ in SEMGREP_FAMILY if cid.startswith(p)), "other")
        fam[f] = fam.get(f, 0) + 1
    scanned = d.get("paths", {}).get("scanned")
    return len(d.get("results", [])), fam, len(scanned) if scanned is not None else None


def parse_codemodder(path):
    d = json.loads(Path(path).read_text())
    fam = {}
    n = 0
    for r in d.get("results", []):
        f = "xml" if "defusedxml" in r.get("codemod", "") else "timeout"
        # one finding per changed line, the closest unit to the other tools' findings
        # (Python files only: wafix reports manifest additions separately, not as findings)
        k = sum(len(cs.get("changes", [])) for cs in r.get("changeset", [])
                if cs.get("path", "").endswith(".py"))
        n += k
        fam[f] = fam.get(f, 0) + k
    return n, fam, None


def make_tools(caps, only):
    ver = lambda argv: (sh(argv).stdout.strip() or "?").splitlines()[0]
    tools = []
    nc = ["--no-cache"] if caps["no_cache"] else []
    tools.append(Tool(
        "wafix", ver([str(WAFIX), "--version"]),
        timed=lambda c, o: [str(WAFIX), "diff", *nc, "--color", "never", c],
        counted=lambda c, o: [str(WAFIX), "diff", *nc, "--format", "json", c],
        parse=lambda out, o: parse_wafix(out),
        note="all rules of this build, " + ("--no-cache" if nc else "no cache flag in this build")))
    ruff = venv_bin("ruff", "ruff")
    tools.append(Tool(
        "ruff", ver([ruff, "--version"]),
        timed=lambda c, o: [ruff, "check", "--isolated", "--no-cache", "--exit-zero",
                            "--select", ",".join(RUFF_RULES), "--output-format", "json", c],
        parse=lambda out, o: parse_ruff(out), note="--no-cache, " + ",".join(RUFF_RULES)))
    sg = str(WORK / "npm" / "node_modules" / ".bin" / "ast-grep")
    tools.append(Tool(
        "ast-grep", ver([sg, "--version"]),
        timed=lambda c, o: [sg, "scan", "-c", str(BENCH / "rules" / "ast-grep" / "sgconfig.yml"),
                            "--json=compact", "-j", "2", c],
        parse=lambda out, o: parse_astgrep(out), note="bench/rules/ast-grep, -j 2"))
    bandit = venv_bin("bandit", "bandit")
    tools.append(Tool(
        "bandit", ver([bandit, "--version"]),
        timed=lambda c, o: [bandit, "-q", "-r", "-t", ",".join(BANDIT_TESTS), "-f", "json", c],
        parse=lambda out, o: parse_bandit(out), note="single process (bandit has no -j)"))
    semgrep = venv_bin("semgrep", "semgrep")
    senv = {"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    # unshare -n: no network at all, which proves the run is offline.
    net = ["unshare", "-n"] if sh(["unshare", "-n", "true"]).returncode == 0 else []
    tools.append(Tool(
        "semgrep", ver([semgrep, "--version"]),
        timed=lambda c, o: [*net, semgrep, "scan", "--config",
                            str(BENCH / "rules" / "semgrep" / "wafix-equivalent.yml"),
                            "--metrics=off", "--disable-version-check", "--oss-only",
                            "--json", "-q", "-j", "2", "--timeout", "0",
                            "--max-target-bytes", "0", c],
        parse=lambda out, o: parse_semgrep(out), env=senv,
        note="local rules bench/rules/semgrep, -j 2, --metrics=off" + (", no network (unshare -n)" if net else "")))
    cm = venv_bin("codemodder", "codemodder")
    tools.append(Tool(
        "codemodder", ver([venv_bin("codemodder", "python"), "-c",
                           "import importlib.metadata as m; print(m.version('codemodder'))"]),
        # --path-exclude: codemodder skips tests/, test/, build/ ... by default; the other tools
        # scan them, so exclude only .git. It calls `semgrep` from PATH (its own pinned extra).
        timed=lambda c, o: [*net, cm, c, "--dry-run", "--codemod-include=" + ",".join(CODEMODS),
                            "--path-exclude=.git/**", "--max-workers", "2", "--output", o],
        parse=lambda out, o: parse_codemodder(o),
        env=dict(senv, PATH=str(WORK / "venv-codemodder" / "bin") + os.pathsep + os.environ["PATH"]),
        note="--dry-run, use-defusedxml + add-requests-timeouts" + (", no network (unshare -n)" if net else "")))
    return [t for t in tools if not only or t.name in only]


# ---------------------------------------------------------------- running

RUN_TIMEOUT = 300.0  # seconds; --timeout


def run_once(argv, cwd=None, env=None, out_file=None):
    """Run argv under /usr/bin/time -v; returns wall s, cpu s, peak RSS KiB, rc, stdout.
    A run that exceeds RUN_TIMEOUT is killed with its whole process group (rc None)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, \
            tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        e = dict(os.environ, **(env or {}))
        t0 = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tf.name, *argv], cwd=cwd, env=e,
                             stdout=fo, stderr=fe, start_new_session=True)
        timed_out = False
        try:
            p.wait(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(p.pid, 9)
            p.wait()
        wall = time.perf_counter() - t0
        tv = tf.read()
        fo.seek(0)
        fe.seek(0)
        out = fo.read().decode("utf-8", "replace")
        err = fe.read().decode("utf-8", "replace")[-2000:]
    g = lambda key: float(re.search(re.escape(key) + r":\s*([\d.]+)", tv).group(1)) if key in tv else 0.0
    cpu = g("User time (seconds)") + g("System time (seconds)")
    rss = g("Maximum resident set size (kbytes)")
    if timed_out:
        err += f"\ntimed out after {RUN_TIMEOUT:.0f} s (killed)"
    return {"wall": wall, "cpu": cpu, "rss_kib": rss, "rc": None if timed_out else p.returncode,
            "timed_out": timed_out, "stdout": out, "stderr": err}


def summarize(samples):
    w = [s["wall"] for s in samples]
    return {"runs": len(w), "timeouts": sum(1 for s in samples if s.get("timed_out")),
            "median": statistics.median(w), "min": min(w), "max": max(w),
            "cpu": statistics.median(s["cpu"] for s in samples),
            "rss_mib": max(s["rss_kib"] for s in samples) / 1024.0}


def interleaved(entries, runs_of, log):
    """entries: list of (key, argv, cwd, env, pre). Rounds A B C, A B C ...; a command whose
    run count is reached is left out of later rounds."""
    res = {k: [] for k, *_ in entries}
    rounds = max(runs_of(k) for k, *_ in entries)
    for r in range(rounds):
        for key, argv, cwd, env, pre in entries:
            if len(res[key]) >= runs_of(key):
                continue
            if pre:
                pre()
            s = run_once(argv, cwd=cwd, env=env)
            s.pop("stdout")
            res[key].append(s)
            log(f"  round {r + 1}: {key}: {s['wall']:.3f}s cpu {s['cpu']:.2f}s rss {s['rss_kib'] / 1024:.1f} MiB rc {s['rc']}")
    return res


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
    except Exception:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, {osr}, Linux {platform.release()}"


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="timed runs of the fast tools (default 5)")
    ap.add_argument("--slow-runs", type=int, default=3,
                    help="timed runs of bandit, semgrep, codemodder on the stdlib corpus, and of wafix on the "
                         "larger monorepos (default 3)")
    ap.add_argument("--scales", default="1,4,16", help="monorepo copies for the linearity check")
    ap.add_argument("--tools", default="", help="comma list to restrict the peers (wafix always runs)")
    ap.add_argument("--out", default=str(BENCH / "results"), help="where latest.md/json go")
    ap.add_argument("--timeout", type=float, default=180.0,
                    help="seconds after which one run is killed and its tool reported as not run (default 180)")
    args = ap.parse_args()
    global RUN_TIMEOUT
    RUN_TIMEOUT = args.timeout

    scales = [int(x) for x in args.scales.split(",") if x]
    only = set(args.tools.split(",")) | {"wafix"} if args.tools else set()
    OUTS.mkdir(parents=True, exist_ok=True)
    logf = open(WORK / "bench.log", "w")

    def log(msg):
        print(msg, flush=True)
        logf.write(msg + "\n")

    started = dt.datetime.now(dt.timezone.utc)
    load_start = loadavg()
    log(f"bench: {started:%Y-%m-%d %H:%M} UTC, load {' '.join(load_start)}")
    prepare_corpora(scales)
    caps = wafix_caps()
    tools = make_tools(caps, only)
    commit = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).stdout.strip()
    dirty = sh(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src", "include", "transforms"]).stdout.strip()

    corpora = {"stdlib": CORPORA / "stdlib", "sample": CORPORA / "sample"}
    stats = {k: corpus_stats(v) for k, v in corpora.items()}
    for n in scales:
        stats[f"mono-{n}x"] = corpus_stats(CORPORA / f"mono-{n}x")
    slow = {"bandit", "semgrep", "codemodder"}

    results = {"started": started.isoformat(timespec="seconds"), "load_start": load_start,
               "machine": machine(), "wafix_commit": commit + ("+dirty" if dirty else ""),
               "caps": caps, "stats": stats, "tools": {}, "corpora": {}, "extras": {}}
    for t in tools:
        results["tools"][t.name] = {"version": t.version, "note": t.note}

    # ---- peers against wafix, per corpus
    for cname, cpath in corpora.items():
        log(f"corpus {cname}: {stats[cname][0]} .py files, {stats[cname][1] / 1e6:.1f} MB; warming")
        warm(cpath)
        cres = results["corpora"][cname] = {}
        entries = []
        for t in tools:
            o = str(OUTS / f"{t.name}-{cname}.json")
            argv = t.counted(".", o)
            Path(o).unlink(missing_ok=True)
            r = run_once(argv, cwd=cpath, env=t.env)
            info = {"counted_cmd": " ".join(argv), "rc": r["rc"]}
            try:
                if r["timed_out"]:
                    raise TimeoutError(r["stderr"].strip().splitlines()[-1])
                n, fam, files = t.parse(r["stdout"], o)
                info.update(findings=n, families=fam, files=files)
                Path(OUTS / f"{t.name}-{cname}.stdout").write_text(r["stdout"])
            except Exception as ex:  # the tool did not produce its JSON: report it, keep it
                msg = (r["stderr"].strip().splitlines() or [f"exit {r['rc']}"])[-1][:200]
                msg = msg.replace("|", "/")
                if r["timed_out"]:
                    info["error"] = (f"{msg}: {r['cpu']:.1f} s CPU used, then no progress "
                                     f"(see bench/.work/out/{t.name}-{cname}.stderr)")
                else:
                    info["error"] = f"exit {r['rc']}: {msg} ({type(ex).__name__})"
                Path(OUTS / f"{t.name}-{cname}.stderr").write_text(r["stderr"])
                log(f"  {t.name}: NOT RUN: {info['error']}")
            cres[t.name] = info
            if "error" not in info:
                entries.append((t.name, t.timed(".", o), cpath, t.env, None))
                log(f"  {t.name}: {info['findings']} findings {info['families']}")
        runs_of = lambda k: args.slow_runs if (k in slow and cname == "stdlib") else args.runs
        timed = interleaved(entries, runs_of, log)
        for k, s in timed.items():
            cres[k]["timing"] = summarize(s)
            cres[k]["timed_cmd"] = " ".join(next(e[1] for e in entries if e[0] == k))
            cres[k]["timed_rc"] = sorted({x["rc"] for x in s})

    # ---- wafix alone: linearity, threads, cache
    ex = results["extras"]
    wf = [str(WAFIX), "diff", "--color", "never"] + (["--no-cache"] if caps["no_cache"] else [])
    log("linearity: " + ", ".join(f"mono-{n}x" for n in scales))
    entries = []
    for n in scales:
        p = CORPORA / f"mono-{n}x"
        warm(p)
        entries.append((f"mono-{n}x", wf + ["."], p, None, None))
    lin = interleaved(entries, lambda k: args.runs if k == f"mono-{scales[0]}x" else args.slow_runs, log)
    ex["linearity"] = {k: summarize(v) for k, v in lin.items()}

    if caps["jobs_flag"]:
        log("threads: -j 1 vs -j 2 on stdlib")
        p = corpora["stdlib"]
        th = interleaved([(f"j{j}", wf + [caps["jobs_flag"], str(j), "."], p, None, None) for j in (1, 2)],
                         lambda k: args.runs, log)
        ex["threads"] = {k: summarize(v) for k, v in th.items()}
    else:
        ex["threads"] = None
        log("threads: not measured, `wafix --help` lists no -j/--jobs")

    if caps["no_cache"]:
        log("cache: cold (fresh .wafix_cache) vs second run on the unchanged tree, stdlib")
        p = corpora["stdlib"]
        wc = [str(WAFIX), "diff", "--color", "never", "."]

        def clear():
            shutil.rmtree(p / ".wafix_cache", ignore_errors=True)
            shutil.rmtree(Path.cwd() / ".wafix_cache", ignore_errors=True)

        cold, hot = [], []
        for r in range(args.runs):
            clear()
            s = run_once(wc, cwd=p)
            s.pop("stdout")
            cold.append(s)
            s = run_once(wc, cwd=p)
            s.pop("stdout")
            hot.append(s)
            log(f"  round {r + 1}: first {cold[-1]['wall']:.3f}s, second {hot[-1]['wall']:.3f}s")
        clear()
        ex["cache"] = {"first": summarize(cold), "second": summarize(hot)}
    else:
        ex["cache"] = None
        log("cache: not measured, `wafix --help` lists no --no-cache (no on-disk cache yet)")

    results["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    results["load_end"] = loadavg()
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "latest.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    md = render(results)
    (outdir / "latest.md").write_text(md)
    if Path(args.out).resolve() == (BENCH / "results").resolve():
        update_readme(results)
    log(f"wrote {outdir / 'latest.md'} and latest.json ({results['finished']}, load {' '.join(results['load_end'])})")
    print(md)


# ---------------------------------------------------------------- report

def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def verdict_speedup(peer, speedup):
    target = TARGETS[peer]
    if peer == "ruff":
        ratio = 1.0 / speedup
        if ratio <= 1.0:
            return f"met (wafix/ruff {ratio:.2f} <= 1.0)"
        return f"MISSED: wafix/ruff {ratio:.2f} > 1.0 (wafix {(ratio - 1) * 100:.0f}% slower than allowed)"
    if speedup >= target:
        return f"met ({speedup:.1f}x >= {target:g}x)"
    return f"MISSED: {speedup:.1f}x < {target:g}x (short by a factor {target / speedup:.1f})"


def render(R):
    L = []
    a = L.append
    started = R["started"].replace("T", " ").replace("+00:00", " UTC")
    a(f"# wafix benchmark results\n")
    a(f"- Date: {started} (finished {R['finished'].replace('T', ' ').replace('+00:00', ' UTC')})")
    a(f"- Machine: {R['machine']}")
    a(f"- Load average (1/5/15 min) at start: {' '.join(R['load_start'])}; at end: {' '.join(R['load_end'])}"
      + ("  **The machine was shared: numbers are noisy.**" if float(R["load_start"][0]) > 1.5 or float(R["load_end"][0]) > 1.5 else ""))
    a(f"- wafix: {R['tools']['wafix']['version']} at commit {R['wafix_commit']}; "
      f"`-j`: {'yes' if R['caps']['jobs_flag'] else 'not in this build'}; "
      f"`--no-cache`: {'yes' if R['caps']['no_cache'] else 'not in this build'}")
    a("- Peers: " + ", ".join(f"{k} {v['version']}" for k, v in R["tools"].items() if k != "wafix"))
    a("- Reproduce: `make bench` (or `bench/run.sh`); columns explained in docs/performance.md.\n")
    for cname, cres in R["corpora"].items():
        nf, nb = R["stats"][cname]
        a(f"## Corpus `{cname}`: {nf} .py files, {nb / 1e6:.1f} MB\n")
        a("| tool | runs | median s | min s | max s | CPU s | peak RSS MiB | findings | wafix/peer | wafix/peer CPU | target | verdict |")
        a("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
        w = cres.get("wafix", {}).get("timing")
        for tool, info in cres.items():
            if "error" in info or "timing" not in info:
                a(f"| {tool} | - | not run | | | | | | | | | {info.get('error', 'no timing')} |")
                continue
            t = info["timing"]
            ratio = cratio = target = verdict = ""
            if tool != "wafix" and w:
                ratio = f"{w['median'] / t['median']:.3f}"
                cratio = f"{w['cpu'] / t['cpu']:.3f}" if t["cpu"] > 0 else "-"
                target = "<= 1.0" if tool == "ruff" else f">= {TARGETS[tool]:g}x faster"
                verdict = verdict_speedup(tool, t["median"] / w["median"])
            elif tool == "wafix":
                verdict = (f"RSS {'met' if t['rss_mib'] < 64 else 'MISSED'} "
                           f"({t['rss_mib']:.1f} {'<' if t['rss_mib'] < 64 else '>='} 64 MiB)")
            runs = f"{t['runs']}" + (f" ({t['timeouts']} killed)" if t.get("timeouts") else "")
            a(f"| {tool} | {runs} | {fmt_s(t['median'])} | {fmt_s(t['min'])} | {fmt_s(t['max'])} | "
              f"{t['cpu']:.2f} | {t['rss_mib']:.1f} | {info['findings']} | {ratio} | {cratio} | {target} | {verdict} |")
        for tool in R["tools"]:
            if tool not in cres:
                a(f"| {tool} | - | not run | | | | | | | | | not installed |")
        a("")
        a("Findings by rule family (same corpus; see \"Where the rules differ\" below):\n")
        fams = [f for f in FAMILIES if any(f in i.get("families", {}) for i in cres.values())]
        a("| tool | " + " | ".join(fams) + " |")
        a("|---|" + "---:|" * len(fams))
        for tool, info in cres.items():
            if "families" in info:
                a(f"| {tool} | " + " | ".join(str(info["families"].get(f, 0)) for f in fams) + " |")
        a("")
    ex = R["extras"]
    a("## wafix alone\n")
    a("| check | measured | target | verdict |")
    a("|---|---|---|---|")
    lin = ex.get("linearity") or {}
    rows = [(k, c["wafix"]["timing"]["rss_mib"]) for k, c in R["corpora"].items() if "timing" in c.get("wafix", {})]
    rows += [(k, v["rss_mib"]) for k, v in lin.items()]
    for k, rss in rows:
        a(f"| peak RSS, corpus {k} | {rss:.1f} MiB | < 64 MiB | "
          f"{'met' if rss < 64 else f'MISSED by {rss - 64:.1f} MiB'} |")
    if lin:
        keys = sorted(lin, key=lambda k: int(k.split("-")[1][:-1]))
        base = lin[keys[0]]
        n0 = int(keys[0].split("-")[1][:-1])
        for k in keys:
            n = int(k.split("-")[1][:-1])
            per = lin[k]["median"] / (n / n0) / base["median"]
            ok = abs(per - 1) <= 0.15
            a(f"| linearity {k} | {fmt_s(lin[k]['median'])} s median ({lin[k]['runs']} runs), "
              f"{per:.2f}x the {keys[0]} time per copy | within 15% | "
              f"{'met' if ok else f'MISSED by {abs(per - 1) * 100 - 15:.0f} points ({(per - 1) * 100:+.0f}%)'} |")
    th = ex.get("threads")
    if th:
        sp = th["j1"]["median"] / th["j2"]["median"]
        a(f"| 2 threads vs 1 (stdlib) | -j1 {fmt_s(th['j1']['median'])} s, -j2 {fmt_s(th['j2']['median'])} s: "
          f"{sp:.2f}x | >= 1.7x | {'met' if sp >= 1.7 else f'MISSED by {1.7 - sp:.2f} (x{1.7 / sp:.2f})'} |")
    else:
        a("| 2 threads vs 1 | not measured: `wafix --help` lists no `-j` in this build | >= 1.7x | not run |")
    ca = ex.get("cache")
    if ca:
        pct = ca["second"]["median"] / ca["first"]["median"] * 100
        a(f"| cache: second run on an unchanged tree (stdlib) | first {fmt_s(ca['first']['median'])} s, "
          f"second {fmt_s(ca['second']['median'])} s: {pct:.1f}% | < 10% | "
          f"{'met' if pct < 10 else f'MISSED by {pct - 10:.1f} points'} |")
    else:
        a("| cache: second run on an unchanged tree | not measured: `wafix --help` lists no `--no-cache` "
          "(no on-disk cache in this build) | < 10% | not run |")
    a("")
    a("## Commands\n")
    for cname, cres in R["corpora"].items():
        for tool, info in cres.items():
            if "timed_cmd" in info:
                a(f"- {cname} / {tool}: `{shorten(info['timed_cmd'])}` (run in the corpus; exit codes {info['timed_rc']})")
        break
    a("")
    a((BENCH / "rules" / "DIFFERENCES.md").read_text().strip())
    a("")
    return "\n".join(L)


def update_readme(R):
    """Replace the block between the bench markers of README.md with the stdlib table."""
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        return
    c = R["corpora"].get("stdlib", {})
    w = c.get("wafix", {}).get("timing")
    lines = [start,
             f"Latest run: {R['started'][:16].replace('T', ' ')} UTC on {R['machine']}; load average "
             f"{' '.join(R['load_start'])} at start" + (" (shared machine: noisy)" if float(R["load_start"][0]) > 1.5 else "")
             + f". Corpus: Python 3.11 stdlib, {R['stats']['stdlib'][0]} files, {R['stats']['stdlib'][1] / 1e6:.1f} MB; "
             "`wafix diff`, all rules, warm file cache.",
             "",
             "| tool | version | median s | CPU s | peak RSS MiB | findings | wafix/peer | target | verdict |",
             "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for tool, info in c.items():
        ver = R["tools"].get(tool, {}).get("version", "")
        if "timing" not in info:
            lines.append(f"| {tool} | {ver} | not run | | | | | | {info.get('error', '')} |")
            continue
        t = info["timing"]
        ratio = target = verdict = ""
        if tool != "wafix" and w:
            ratio = f"{w['median'] / t['median']:.2f}"
            target = "<= 1.0" if tool == "ruff" else f">= {TARGETS[tool]:g}x faster"
            verdict = verdict_speedup(tool, t["median"] / w["median"])
        lines.append(f"| {tool} | {ver} | {fmt_s(t['median'])} | {t['cpu']:.2f} | {t['rss_mib']:.1f} | "
                     f"{info['findings']} | {ratio} | {target} | {verdict} |")
    lines += ["", "All corpora, wafix's own targets (RSS, threads, linearity, cache) and where the rule sets "
              "differ: [bench/results/latest.md](bench/results/latest.md); how to reproduce: "
              "[docs/performance.md](docs/performance.md).", end]
    pre, rest = text.split(start, 1)
    post = rest.split(end, 1)[1]
    readme.write_text(pre + "\n".join(lines) + post)


def shorten(cmd):
    return cmd.replace(str(ROOT) + "/", "").replace(str(WORK) + "/", "bench/.work/")


if __name__ == "__main__":
    sys.exit(main())
