"""Where wafix's time goes: a perf profile of one single-threaded run, summarised for the report."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

PERF = "/usr/bin/perf"


def _clean(sym: str) -> str:
    sym = sym.replace("[abi:cxx11]", "").strip()
    return sym if len(sym) <= 110 else sym[:107] + "..."


def _report(perf, data, args):
    r = subprocess.run([perf, "report", "-i", str(data), "--stdio", "-g", "none", "-t", "|", *args],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"perf report failed: {(r.stderr.strip().splitlines() or ['?'])[-1]}")
    return [line for line in r.stdout.splitlines() if line.strip() and not line.startswith("#")]


def parse_self(lines, top=10):
    """(share %, dso, symbol) by self time; addresses in a library without symbols are added up
    into one row per library."""
    agg = {}
    for line in lines:
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 3:
            continue
        try:
            pct = float(parts[0].rstrip("%"))
        except ValueError:
            continue
        dso = parts[1]
        sym = re.sub(r"^\[[.k]\]\s*", "", parts[2])
        if re.fullmatch(r"0x[0-9a-f]+", sym):
            sym = "(no symbols in this library)"
        key = (dso, _clean(sym))
        agg[key] = agg.get(key, 0.0) + pct
    rows = sorted(((p, d, s) for (d, s), p in agg.items()), reverse=True)
    return rows[:top]


def parse_children(lines, prefix="wafix::", top=15):
    """(inclusive %, self %, symbol) for our own functions; the same name seen twice (an inlined
    copy and the real one) keeps its larger share."""
    best = {}
    for line in lines:
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 3:
            continue
        try:
            incl, slf = float(parts[0].rstrip("%")), float(parts[1].rstrip("%"))
        except ValueError:
            continue
        sym = _clean(re.sub(r"^\[[.k]\]\s*", "", parts[2]).replace(" (inlined)", ""))
        if not sym.startswith(prefix):
            continue
        if sym not in best or best[sym][0] < incl:
            best[sym] = (incl, slf)
    rows = sorted(((i, s, n) for n, (i, s) in best.items()), reverse=True)
    return rows[:top]


def record(wafix: Path, target: Path, workdir: Path, log, freq=2000):
    """Profile `wafix diff --no-cache -j1 target` with perf and summarise it.

    DWARF unwinding first: the RelWithDebInfo build has no frame pointers, so plain `-g` (frame
    pointers) loses most callers and the inclusive shares would be wrong; `-g` is the fallback.
    Returns a dict with either the tables or `unavailable` (why there is no profile).
    """
    perf = PERF if Path(PERF).exists() else shutil.which("perf")
    if not perf:
        return {"unavailable": f"perf is not installed ({PERF} missing; Debian package linux-perf)"}
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / "perf.data"
    cmd = [str(wafix), "diff", "--no-cache", "-j1", "--color", "never", str(target)]
    err = ""
    for mode in (["--call-graph", "dwarf,16384"], ["-g"]):
        data.unlink(missing_ok=True)
        argv = [perf, "record", "-o", str(data), "-F", str(freq), *mode, "--", *cmd]
        try:
            r = subprocess.run(argv, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as e:
            err = f"{type(e).__name__}: {e}"
            continue
        m = re.search(r"\((\d+) samples\)", r.stderr)
        # wafix exits 1 when it has a diff to show; perf passes that on.
        if r.returncode in (0, 1) and m and int(m.group(1)) > 0:
            try:
                self_rows = parse_self(_report(perf, data, ["--no-children", "--sort", "dso,symbol"]))
                child_rows = parse_children(_report(perf, data, ["--children", "--sort", "symbol"]))
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                err = str(e)
                continue
            log(f"profile: {m.group(1)} samples ({' '.join(mode)})")
            return {"command": "perf record -F %d %s -- %s" % (freq, " ".join(mode), " ".join(cmd)),
                    "samples": int(m.group(1)), "mode": " ".join(mode),
                    "self": self_rows, "children": child_rows}
        err = (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1][:300]
        for line in r.stderr.splitlines():
            if "perf_event_paranoid" in line or "Permission" in line or "not supported" in line:
                err = line.strip()[:300]
                break
    return {"unavailable": f"perf could not record a profile: {err}"}
