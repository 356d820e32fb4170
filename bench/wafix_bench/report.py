"""The report: bench/results/*.md from the results dict, the README block, and the verdicts."""
from __future__ import annotations

from pathlib import Path

from .corpora import scale_of
from .tools import FAMILIES

# Targets of issue 8 as speed-ups of wafix over the peer (peer time / wafix time); for ruff the
# target is wafix/ruff <= 1.0, i.e. a speed-up of at least 1.
TARGETS = {"ruff": 1.0, "ast-grep": 3.0, "bandit": 50.0, "semgrep": 20.0, "codemodder": 50.0}
RSS_TARGET_MB = 64.0  # issue 8: "peak RSS under 64 MB" (10^6 bytes: stricter than MiB)
RSS_TARGET_MIB = RSS_TARGET_MB * 1e6 / 2**20
THREADS_TARGET = 1.7
LINEARITY_TOLERANCE = 0.15
CACHE_TARGET_PCT = 10.0

# Families each peer has a rule for (bench/rules/DIFFERENCES.md); a count difference in a family
# the peer does not cover is just "no rule", already stated in the rules table.
COVERS = {"ruff": {"timeout", "secrets", "xml"},
          "bandit": {"timeout", "secrets", "xml", "xml-import", "xmlrpc"},
          "ast-grep": {"timeout", "xml", "xml-import", "lxml", "lambda-dlq", "lambda-concurrency"},
          "semgrep": {"timeout", "status", "secrets", "xml", "xmlrpc", "lxml", "lambda-dlq",
                      "lambda-concurrency"},
          "codemodder": {"timeout", "xml"}}

# Why a peer's count in a family differs from wafix's, stated once per (family, peer); the
# report adds the locations only one side found, so each reason can be checked.
REASONS = {
    ("secrets", "ruff"): "S105-S107 flag any string assigned, passed or defaulted to a name like "
                         "password/secret/token, including empty strings, placeholders and token-type "
                         "names (tokenize's `STRING = 3`-style tables); WA301 needs a value that looks "
                         "like a real credential (provider prefix or entropy, no placeholder) and skips "
                         "test paths.",
    ("secrets", "bandit"): "B105-B107 flag any string compared, assigned, passed or defaulted to a "
                           "password/token-like name (empty strings and placeholders included); WA301 "
                           "needs a plausible credential value and skips test paths.",
    ("secrets", "semgrep"): "the local semgrep rule anchors on the name and a minimum length only; "
                            "WA301 also rejects placeholders, low-entropy words, templates and test "
                            "paths.",
    ("timeout", "ruff"): "S113 covers requests (and httpx) calls only; WA201 also covers "
                         "urllib.request.urlopen.",
    ("timeout", "bandit"): "B113 covers requests calls only; WA201 also covers urllib.request.urlopen.",
    ("timeout", "codemodder"): "add-requests-timeouts covers requests only; WA201 also covers urlopen "
                               "and httpx.",
    ("timeout", "ast-grep"): "ast-grep matches `urlopen(...)`/`requests.x(...)` by name without "
                             "resolving imports: it also matches a local function of that name and "
                             "misses aliased imports.",
    ("timeout", "semgrep"): "semgrep resolves imports like WA201, but does not follow Session objects "
                            "kept on attributes or passed as typed parameters.",
    ("xml", "ruff"): "S313-S319 match the parser names (also where the stdlib's own xml/ modules "
                     "define and call them); WA101 reports parse calls that reach xml.* through an "
                     "import, including function-local imports.",
    ("xml", "bandit"): "B313-B319 match dotted call names of imported modules only; WA101 also "
                       "follows `from` imports, aliases and function-local imports.",
    ("xml", "ast-grep"): "syntax only: calls by dotted name, no import resolution.",
    ("xml", "semgrep"): "semgrep's rule lists the common parse entry points; WA101 also knows "
                        "pulldom/expatbuilder entry points reached through function-local imports.",
    ("xml", "codemodder"): "use-defusedxml rewrites the calls and imports it recognises; it counts "
                           "changed lines, one per call.",
    ("xml-import", "bandit"): "B405-B409 report every import of an XML module, even one that only "
                              "builds XML; wafix reports parse calls (family xml), not imports.",
    ("xml-import", "ast-grep"): "the ast-grep rule reports imports (the bandit B405-B409 equivalent); "
                                "wafix reports parse calls, not imports.",
    ("xmlrpc", "bandit"): "B411 reports each import of xmlrpc; WA102 reports once per module that "
                          "needs the monkey-patch.",
    ("xmlrpc", "semgrep"): "the semgrep rule reports each xmlrpc import statement; WA102 once per "
                           "module.",
    ("lambda-dlq", "ast-grep"): "ast-grep cannot tell aws_cdk.aws_lambda.Function from any other "
                                "`Function(...)` (the stdlib's pyclbr.py and symtable.py have their "
                                "own); WA401 resolves the import and also covers the L1 `CfnFunction`.",
    ("lambda-concurrency", "ast-grep"): "as for lambda-dlq: `Function(...)` matched by name only; "
                                        "the L1 `CfnFunction` is not in the rule.",
    ("lambda-dlq", "semgrep"): "the semgrep rule covers Function, PythonFunction and "
                               "DockerImageFunction; WA401 also wires a queue into the L1 `CfnFunction`.",
    ("lambda-concurrency", "semgrep"): "the semgrep rule covers Function, PythonFunction and "
                                       "DockerImageFunction; WA402 also covers the L1 `CfnFunction`.",
    ("status", "semgrep"): "the semgrep rule sees `r = requests.x(...)` then `r.json()` in one "
                           "function only; WA202 also covers Sessions, chained calls and "
                           "expression statements.",
}


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def speedup_verdict(tool, speedup):
    """Verdict on a measured speed-up (peer median / wafix median)."""
    target = TARGETS[tool]
    if tool == "ruff":
        ratio = 1.0 / speedup
        if ratio <= 1.0:
            return f"met (wafix/ruff {ratio:.2f} <= 1.0)"
        return f"MISSED: wafix/ruff {ratio:.2f} > 1.0 (wafix takes {(ratio - 1) * 100:.0f}% longer than ruff)"
    if speedup >= target:
        return f"met ({speedup:.1f}x >= {target:g}x)"
    return f"MISSED: {speedup:.1f}x < {target:g}x (short by a factor {target / speedup:.1f})"


def bound_verdict(tool, bound, timeout):
    """Verdict when the peer was killed at the timeout: only a lower bound on wafix's speed-up
    (timeout / wafix median) is known."""
    target = TARGETS[tool]
    if bound >= target:
        return (f"met: wafix >= {bound:.0f}x faster (lower bound: {tool} > {timeout:.0f} s), "
                f"target {target:g}x")
    return (f"not measured beyond the timeout: wafix >= {bound:.1f}x faster ({tool} > {timeout:.0f} s), "
            f"target {target:g}x; rerun with a larger --timeout to settle it")


def target_text(tool):
    return "wafix/ruff <= 1.0" if tool == "ruff" else f">= {TARGETS[tool]:g}x faster"


def peer_cells(tool, info, wafix_timing, timeout):
    """(wafix/peer, wafix/peer CPU, verdict) cells of a peer row."""
    if not wafix_timing or "median" not in wafix_timing:
        return "", "", "wafix has no timing on this corpus"
    wm = wafix_timing["median"]
    if info["status"] == "timeout":
        bound = timeout / wm
        return f"< {wm / timeout:.4f}", "", bound_verdict(tool, bound, timeout)
    t = info["timing"]
    cr = f"{wafix_timing['cpu'] / t['cpu']:.3f}" if t["cpu"] > 0 else "-"
    return f"{wm / t['median']:.3f}", cr, speedup_verdict(tool, t["median"] / wm)


def runs_cell(info):
    if info["status"] == "timeout":
        done = info.get("completed_runs", 0)
        where = info.get("in_run", "counting run")
        extra = f"; {done} completed before it" if done else ""
        return f"1 timed out ({where}; not repeated{extra})"
    return str(info["timing"]["runs"])


def tool_row(tool, info, wafix_timing, timeout):
    st = info["status"]
    if st in ("not-installed", "failed"):
        return f"| {tool} | 0 | not run | | | | | | | | {target_text(tool) if tool in TARGETS else ''} | {info['why']} |"
    if st == "timeout":
        ratio, _, verdict = peer_cells(tool, info, wafix_timing, timeout) if tool != "wafix" else ("", "", "")
        if tool == "wafix":
            verdict = f"wafix itself timed out after {timeout:.0f} s"
        return (f"| {tool} | {runs_cell(info)} | > {timeout:.0f} s (timed out) | | | "
                f">= {info['cpu_at_kill']:.1f} by the kill | >= {info['rss_at_kill_mib']:.1f} by the kill | "
                f"{info.get('findings', '- (timed out)')} | {ratio} | | "
                f"{target_text(tool) if tool in TARGETS else ''} | {verdict} |")
    t = info["timing"]
    ratio = cratio = target = verdict = ""
    if tool == "wafix":
        ok = t["rss_mib"] < RSS_TARGET_MIB
        verdict = f"peak RSS {t['rss_mib']:.1f} MiB ({t['rss_mib'] * 2**20 / 1e6:.1f} MB)"
    else:
        ratio, cratio, verdict = peer_cells(tool, info, wafix_timing, timeout)
        target = target_text(tool)
    return (f"| {tool} | {runs_cell(info)} | {fmt_s(t['median'])} | {fmt_s(t['min'])} | {fmt_s(t['max'])} | "
            f"{t['cpu']:.2f} | {t['rss_mib']:.1f} | {info['findings']} | {ratio} | {cratio} | {target} | {verdict} |")


def differences(tool_locs, wafix="wafix", examples=3):
    """Per family a peer covers and counts differently from wafix: both counts, a few locations
    only one side reports, and the known reason. tool_locs: tool -> [(family, file, line)]."""
    rows = []
    w = tool_locs.get(wafix)
    if w is None:
        return rows
    wset = {}
    for fam, f, line in w:
        wset.setdefault(fam, set()).add((f, line))
    for tool, locs in tool_locs.items():
        if tool == wafix or locs is None:
            continue
        pset = {}
        for fam, f, line in locs:
            pset.setdefault(fam, set()).add((f, line))
        for fam in FAMILIES:
            if fam not in COVERS.get(tool, set()):
                continue
            nw = sum(1 for x in w if x[0] == fam)
            np_ = sum(1 for x in locs if x[0] == fam)
            if nw == np_ and wset.get(fam, set()) == pset.get(fam, set()):
                continue
            only_p = sorted(pset.get(fam, set()) - wset.get(fam, set()), key=lambda x: (x[0], x[1] or 0))
            only_w = sorted(wset.get(fam, set()) - pset.get(fam, set()), key=lambda x: (x[0], x[1] or 0))
            rows.append({"family": fam, "tool": tool, "wafix": nw, "peer": np_,
                         "only_peer": len(only_p), "only_wafix": len(only_w),
                         "only_peer_examples": [f"{f}:{line}" for f, line in only_p[:examples]],
                         "only_wafix_examples": [f"{f}:{line}" for f, line in only_w[:examples]],
                         "reason": REASONS.get((fam, tool), "see the rules table below")})
    return rows


def _examples(n, ex):
    if not n:
        return "-"
    more = f" (+{n - len(ex)} more)" if n > len(ex) else ""
    return ", ".join(f"`{e}`" for e in ex) + more


def runs_policy(R):
    p = R["policy"]
    return (f"wafix, ruff and ast-grep: {p['runs']} timed runs per corpus; bandit, semgrep and "
            f"codemodder: {p['slow_runs']} on the big corpora ({', '.join(p['big']) or 'none'}) and "
            f"{p['runs']} on `sample`; interleaved (A B C, A B C, ...). The first pass over the tools "
            f"also counts the findings: for the peers it runs the timed command itself and is their "
            f"timed run 1; wafix's counting run (`--format json`) is extra and not timed. A run still "
            f"going after {p['timeout']:.0f} s is killed; a tool killed on a "
            f"corpus is not run again there (repeating a timeout only costs time), and its time is "
            f"reported as a lower bound.")


def render(R, differences_md_path: Path):
    L = []
    a = L.append
    ts = lambda s: s.replace("T", " ").replace("+00:00", " UTC")
    a("# wafix benchmark results\n")
    a(f"- Date: {ts(R['started'])} (finished {ts(R['finished'])}; {R['elapsed_s'] / 60:.1f} min)")
    a(f"- Machine: {R['machine']}")
    noisy = float(R["load_start"][0]) > 1.5 or float(R["load_end"][0]) > 1.5
    a(f"- Load average (1/5/15 min) at start: {' '.join(R['load_start'])}; at end: {' '.join(R['load_end'])}"
      + ("  **The machine was shared: numbers are noisy.**" if noisy else ""))
    a(f"- wafix: {R['tools']['wafix']['version']} at commit {R['wafix_commit']}; "
      f"`-j`: {'yes' if R['caps']['jobs_flag'] else 'not in this build'}; "
      f"`--no-cache`: {'yes' if R['caps']['no_cache'] else 'not in this build'}")
    a("- Peers: " + ", ".join(f"{k} {v['version'].removeprefix(k).strip()}" for k, v in R["tools"].items()
                              if k != "wafix"))
    a(f"- Runs: {runs_policy(R)}")
    if R.get("quick"):
        a("- **Quick run** (`--quick`): peers compared on the small corpora only; not the full benchmark.")
    a("- Reproduce: `make bench` (or `bench/run.sh`); columns explained in docs/performance.md.\n")

    a("## Verdicts\n")
    a("| corpus | " + " | ".join(t for t in TARGETS if t in R["tools"]) + " |")
    a("|---|" + "---|" * sum(1 for t in TARGETS if t in R["tools"]))
    for cname, cres in R["corpora"].items():
        w = cres.get("wafix", {}).get("timing")
        cells = []
        for tool in TARGETS:
            if tool not in R["tools"]:
                continue
            info = cres.get(tool)
            if not info:
                cells.append("not run")
            elif info["status"] in ("not-installed", "failed"):
                cells.append("not run (see below)")
            else:
                cells.append(peer_cells(tool, info, w, R["policy"]["timeout"])[2])
        a(f"| {cname} | " + " | ".join(cells) + " |")
    a("\nThe issue's targets are stated for `stdlib`; the other corpora show how the ratios move with "
      "corpus size (on `sample` start-up time dominates).\n")

    for cname, cres in R["corpora"].items():
        nf, nb = R["stats"][cname]
        a(f"## Corpus `{cname}`: {nf} .py files, {nb / 1e6:.1f} MB\n")
        a("| tool | runs | median s | min s | max s | CPU s | peak RSS MiB | findings | wafix/peer | wafix/peer CPU | target | verdict |")
        a("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
        w = cres.get("wafix", {}).get("timing")
        for tool, info in cres.items():
            a(tool_row(tool, info, w, R["policy"]["timeout"]))
        a("")
        a("Findings by rule family (same corpus):\n")
        fams = [f for f in FAMILIES if any(f in i.get("families", {}) for i in cres.values())]
        if fams:
            a("| tool | " + " | ".join(fams) + " |")
            a("|---|" + "---:|" * len(fams))
            for tool, info in cres.items():
                if "families" in info:
                    a(f"| {tool} | " + " | ".join(str(info["families"].get(f, 0)) for f in fams) + " |")
        else:
            a("(no findings)")
        a("")
        diffs = R.get("differences", {}).get(cname, [])
        if diffs:
            a("Where the counts differ, in the families each peer has a rule for (locations as "
              "`file:line`; a location reported one line apart by two tools counts as different):\n")
            a("| family | peer | wafix | peer | only the peer | only wafix | why |")
            a("|---|---|---:|---:|---|---|---|")
            for d in diffs:
                a(f"| {d['family']} | {d['tool']} | {d['wafix']} | {d['peer']} | "
                  f"{_examples(d['only_peer'], d['only_peer_examples'])} | "
                  f"{_examples(d['only_wafix'], d['only_wafix_examples'])} | {d['reason']} |")
            a("")

    a("## wafix alone\n")
    a(render_alone(R))
    a("")
    a(render_profile(R))
    a("")
    a("## Commands\n")
    for cname, cres in R["corpora"].items():
        for tool, info in cres.items():
            cmd = info.get("timed_cmd") or info.get("counted_cmd")
            if cmd:
                a(f"- {tool}: `{cmd}` (run in the corpus directory)")
        a(f"\n(the same commands on every corpus; shown for `{cname}`)")
        break
    a("")
    a(differences_md_path.read_text().strip())
    a("")
    return "\n".join(L)


def alone_rows(R):
    """(check, measured, target, verdict) rows of wafix's own targets."""
    rows = []
    ex = R["extras"]
    for cname, cres in R["corpora"].items():
        t = cres.get("wafix", {}).get("timing")
        if t and "rss_mib" in t:
            rows.append((cname, t["rss_mib"]))
    lin = ex.get("linearity") or {}
    rows += [(k, v["rss_mib"]) for k, v in lin.items() if "rss_mib" in v and k not in dict(rows)]
    out = []
    for k, rss in rows:
        mb = rss * 2**20 / 1e6
        if k == "stdlib":
            v = "met" if rss < RSS_TARGET_MIB else f"MISSED by {mb - RSS_TARGET_MB:.1f} MB"
        else:
            v = ("under the bound" if rss < RSS_TARGET_MIB else
                 f"over by {mb - RSS_TARGET_MB:.1f} MB") + " (the target is stated for `stdlib`; shown for scale)"
        out.append((f"peak RSS, `{k}`", f"{rss:.1f} MiB = {mb:.1f} MB", f"< {RSS_TARGET_MB:g} MB", v))
    if lin:
        keys = sorted(lin, key=scale_of)
        base = lin[keys[0]]
        n0 = scale_of(keys[0])
        for k in keys:
            if "median" not in lin[k] or "median" not in base:
                out.append((f"linearity `{k}`", "timed out", "within 15%", "not measured"))
                continue
            per = lin[k]["median"] / (scale_of(k) / n0) / base["median"]
            ok = abs(per - 1) <= LINEARITY_TOLERANCE
            out.append((f"linearity `{k}`",
                        f"{fmt_s(lin[k]['median'])} s median ({lin[k]['runs']} runs): {per:.2f}x the "
                        f"`{keys[0]}` time per copy", "within 15% (0.85-1.15)",
                        "met" if ok else f"MISSED by {abs(per - 1) * 100 - 15:.0f} points ({(per - 1) * 100:+.0f}%)"))
    th = ex.get("threads")
    if th and "median" in th.get("j1", {}) and "median" in th.get("j2", {}):
        sp = th["j1"]["median"] / th["j2"]["median"]
        out.append(("2 threads vs 1 (`stdlib`)",
                    f"-j1 {fmt_s(th['j1']['median'])} s, -j2 {fmt_s(th['j2']['median'])} s: {sp:.2f}x "
                    f"(CPU {th['j1']['cpu']:.2f} s and {th['j2']['cpu']:.2f} s)",
                    f">= {THREADS_TARGET}x",
                    "met" if sp >= THREADS_TARGET else f"MISSED by {THREADS_TARGET - sp:.2f} (x{THREADS_TARGET / sp:.2f} to go)"))
    else:
        out.append(("2 threads vs 1", "not measured: `wafix --help` lists no `-j` in this build",
                    f">= {THREADS_TARGET}x", "not run"))
    ca = ex.get("cache")
    if ca and "median" in ca["first"] and "median" in ca["second"]:
        pct = ca["second"]["median"] / ca["first"]["median"] * 100
        out.append(("cache: second run on an unchanged tree (`stdlib`)",
                    f"first {fmt_s(ca['first']['median'])} s, second {fmt_s(ca['second']['median'])} s: {pct:.1f}% "
                    f"(CPU {ca['first']['cpu']:.2f} s and {ca['second']['cpu']:.2f} s)",
                    f"< {CACHE_TARGET_PCT:g}%",
                    "met" if pct < CACHE_TARGET_PCT else f"MISSED by {pct - CACHE_TARGET_PCT:.1f} points"))
    else:
        out.append(("cache: second run on an unchanged tree",
                    "not measured: `wafix --help` lists no `--no-cache` in this build",
                    f"< {CACHE_TARGET_PCT:g}%", "not run"))
    return out


def render_alone(R):
    L = ["| check | measured | target | verdict |", "|---|---|---|---|"]
    L += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in alone_rows(R)]
    return "\n".join(L)


def missed(R):
    """Names of the targets this run missed (for the profile section's lead)."""
    out = []
    st = R["corpora"].get("stdlib", {})
    w = st.get("wafix", {}).get("timing")
    for tool in TARGETS:
        info = st.get(tool)
        if info and info["status"] in ("ok", "timeout") and w:
            v = peer_cells(tool, info, w, R["policy"]["timeout"])[2]
            if not v.startswith("met"):
                out.append(f"{tool} ({v.split(':')[0]})")
    for check, _, _, v in alone_rows(R):
        if v.startswith("MISSED"):
            out.append(check.replace("`", ""))
    return out


def off_cpu_notes(R):
    """What a CPU profile cannot show: wall time spent waiting, and work that stays on one core."""
    notes = []
    ex = R.get("extras") or {}
    ca = ex.get("cache")
    if ca:
        for k in ("first", "second"):
            s = ca.get(k, {})
            if "median" in s and s["median"] > 1.5 * s["cpu"] and s["median"] - s["cpu"] > 0.05:
                notes.append(f"The {k} cached run takes {fmt_s(s['median'])} s of wall time for "
                             f"{s['cpu']:.2f} s of CPU: most of it is spent off the CPU (waiting for "
                             f"file writes, syncs or locks, or for a core on a loaded machine), which "
                             f"the CPU profile below does not show.")
    th = ex.get("threads")
    if th and "median" in th.get("j2", {}):
        j2 = th["j2"]
        if j2["cpu"] < 1.3 * j2["median"]:
            notes.append(f"With -j2 wafix uses {j2['cpu']:.2f} s of CPU in {fmt_s(j2['median'])} s: "
                         f"about {j2['cpu'] / j2['median']:.1f} cores busy, so the work does not "
                         f"spread over both threads (a serial phase, one long file, or a lock).")
    return notes


def render_profile(R):
    P = R.get("profile")
    L = ["## Where the time goes\n"]
    if not P:
        L.append("Not profiled in this run (`--no-profile`).")
        return "\n".join(L)
    if "unavailable" in P:
        L.append(f"No profile: {P['unavailable']}.")
        return "\n".join(L)
    m = missed(R)
    if m:
        L.append("Targets missed in this run: " + "; ".join(m) + ". The profile shows where wafix's "
                 "time goes on `stdlib`.\n")
    for note in off_cpu_notes(R):
        L.append(f"- {note}")
    if off_cpu_notes(R):
        L.append("")
    L.append(f"`{P['command']}` ({P['samples']} samples, user space only). Shares are of all samples "
             "of the run.\n")
    L.append("Top symbols by self time:\n")
    L.append("| self % | library | symbol |")
    L.append("|---:|---|---|")
    for pct, dso, sym in P["self"]:
        L.append(f"| {pct:.1f} | {dso} | `{sym}` |")
    L.append("")
    L.append("Our own code by inclusive time (the function and everything it calls):\n")
    L.append("| inclusive % | self % | function |")
    L.append("|---:|---:|---|")
    for incl, slf, sym in P["children"]:
        L.append(f"| {incl:.1f} | {slf:.1f} | `{sym}` |")
    return "\n".join(L)


def readme_block(R, start, end):
    """The README's Performance block: the stdlib table, then one line per other corpus and wafix's
    own targets."""
    c = R["corpora"].get("stdlib", {})
    w = c.get("wafix", {}).get("timing")
    timeout = R["policy"]["timeout"]
    noisy = float(R["load_start"][0]) > 1.5
    lines = [start,
             f"Latest run: {R['started'][:16].replace('T', ' ')} UTC on {R['machine']}; load average "
             f"{' '.join(R['load_start'])} at start" + (" (shared machine: noisy)" if noisy else "")
             + f". Corpus: Python 3.11 stdlib, {R['stats']['stdlib'][0]} files, "
             f"{R['stats']['stdlib'][1] / 1e6:.1f} MB; `wafix diff`, all rules, warm file cache. "
             f"Runs: {R['policy']['runs']} (bandit, semgrep, codemodder: {R['policy']['slow_runs']}), "
             f"interleaved; a run is killed after {timeout:.0f} s and not repeated.",
             "",
             "| tool | version | median s | CPU s | peak RSS MiB | findings | wafix/peer | target | verdict |",
             "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for tool, info in c.items():
        ver = R["tools"].get(tool, {}).get("version", "")
        st = info["status"]
        if st in ("not-installed", "failed"):
            lines.append(f"| {tool} | {ver} | not run | | | | | {target_text(tool) if tool in TARGETS else ''} | {info['why']} |")
            continue
        if st == "timeout":
            ratio, _, verdict = peer_cells(tool, info, w, timeout) if tool != "wafix" else ("", "", "timed out")
            lines.append(f"| {tool} | {ver} | > {timeout:.0f} s (timed out) | >= {info['cpu_at_kill']:.1f} | "
                         f">= {info['rss_at_kill_mib']:.1f} | - | {ratio} | "
                         f"{target_text(tool) if tool in TARGETS else ''} | {verdict} |")
            continue
        t = info["timing"]
        ratio = target = verdict = ""
        if tool != "wafix":
            ratio, _, verdict = peer_cells(tool, info, w, timeout)
            target = target_text(tool)
        lines.append(f"| {tool} | {ver} | {fmt_s(t['median'])} | {t['cpu']:.2f} | {t['rss_mib']:.1f} | "
                     f"{info['findings']} | {ratio} | {target} | {verdict} |")
    lines.append("")
    lines.append("wafix alone: " + "; ".join(f"{a.replace('`', '')}: {d}" for a, _, _, d in alone_rows(R)
                                            if "shown for scale" not in d) + ".")
    lines += ["", "All corpora (sample, stdlib, monorepo), the counts where the rule sets differ and the "
              "perf profile: [bench/results/latest.md](bench/results/latest.md); how to reproduce: "
              "[docs/performance.md](docs/performance.md).", end]
    return "\n".join(lines)


def update_readme(readme: Path, R):
    """Replace the block between the bench markers of README.md (only for a run that compared the
    peers on stdlib)."""
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text or "stdlib" not in R["corpora"]:
        return False
    pre, rest = text.split(start, 1)
    post = rest.split(end, 1)[1]
    readme.write_text(pre + readme_block(R, start, end) + post)
    return True
