"""The benchmarked tools: their commands, whether they are installed, and their JSON parsers.

Every parser returns a list of findings (family, file relative to the corpus, line), so counts can
be compared per rule family and the differences shown location by location.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

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

# The slow peers get --slow-runs timed runs on the big corpora (tens of seconds per run each).
SLOW = {"bandit", "semgrep", "codemodder"}


class Tool:
    """One benchmarked command: argv for the timed run and for the counting run (the same unless
    the counts need another output format), a parser of the counting run's output, and the exit
    codes a normal run has (any other one, or a signal, is reported as a crash)."""

    def __init__(self, name, version, timed, counted=None, parse=None, env=None, note="",
                 ok_rc=(0,), missing=None):
        self.name, self.version, self.timed = name, version, timed
        self.counted = counted or timed
        self.parse = parse
        self.env = env
        self.note = note
        self.ok_rc = set(ok_rc)
        self.missing = missing  # why the tool cannot run (not installed), or None


def rel(path, corpus):
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(corpus)
        except ValueError:
            pass
    return os.path.normpath(str(p))


def parse_wafix(out, o, corpus):
    d = json.loads(out)
    res = []
    for f in d.get("findings", []):
        fam = WAFIX_FAMILY.get(f.get("rule"), "other")
        res.append((fam, rel(f.get("file", ""), corpus), f.get("range", {}).get("start", {}).get("line")))
    return res


def parse_ruff(out, o, corpus):
    res = []
    for x in json.loads(out or "[]"):
        code = x.get("code") or ""
        if code == "S113":
            fam = "timeout"
        elif code in ("S105", "S106", "S107"):
            fam = "secrets"
        elif code.startswith("S31"):
            fam = "xml"
        else:
            continue  # syntax errors are not findings
        res.append((fam, rel(x["filename"], corpus), x.get("location", {}).get("row")))
    return res


def parse_bandit(out, o, corpus):
    res = []
    for x in json.loads(out).get("results", []):
        t = x["test_id"]
        if t == "B113":
            fam = "timeout"
        elif t in ("B105", "B106", "B107"):
            fam = "secrets"
        elif t == "B411":
            fam = "xmlrpc"
        elif t.startswith("B4"):
            fam = "xml-import"
        else:
            fam = "xml"
        res.append((fam, rel(x["filename"], corpus), x.get("line_number")))
    return res


SG_FAMILY = {"requests-without-timeout": "timeout", "urlopen-without-timeout": "timeout",
             "stdlib-xml-parse": "xml", "stdlib-xml-import": "xml-import",
             "lxml-parse-without-parser": "lxml", "lambda-without-dlq": "lambda-dlq",
             "lambda-without-reserved-concurrency": "lambda-concurrency"}


def parse_astgrep(out, o, corpus):
    return [(SG_FAMILY.get(x.get("ruleId"), "other"), rel(x["file"], corpus),
             x["range"]["start"]["line"] + 1)  # ast-grep lines are 0-based
            for x in json.loads(out or "[]")]


SEMGREP_FAMILY = [("wa201-", "timeout"), ("wa202-", "status"), ("wa301-", "secrets"),
                  ("wa101-", "xml"), ("wa102-", "xmlrpc"), ("wa103-", "lxml"),
                  ("wa401-", "lambda-dlq"), ("wa402-", "lambda-concurrency")]


def parse_semgrep(out, o, corpus):
    res = []
    for x in json.loads(out).get("results", []):
        cid = x["check_id"].rsplit(".", 1)[-1]
        fam = next((f for p, f in SEMGREP_FAMILY if cid.startswith(p)), "other")
        res.append((fam, rel(x["path"], corpus), x.get("start", {}).get("line")))
    return res


def parse_codemodder(out, o, corpus):
    d = json.loads(Path(o).read_text())
    res = []
    for r in d.get("results", []):
        fam = "xml" if "defusedxml" in r.get("codemod", "") else "timeout"
        # one finding per changed line, the closest unit to the other tools' findings (Python
        # files only: wafix reports manifest additions separately, not as findings)
        for cs in r.get("changeset", []):
            if cs.get("path", "").endswith(".py"):
                for c in cs.get("changes", []):
                    res.append((fam, rel(cs["path"], corpus), c.get("lineNumber")))
    return res


def version_of(argv, env=None):
    try:
        # semgrep --version checks for a newer release over the network unless told not to
        # (and waits for minutes without a network): env carries the same switches as the runs.
        r = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, **(env or {})))
        return (r.stdout.strip() or r.stderr.strip() or "?").splitlines()[0]
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"? ({type(e).__name__})"


def missing_exe(path, how):
    if Path(path).is_file() and os.access(path, os.X_OK):
        return None
    return f"not installed: {path} is missing ({how})"


def wafix_caps(wafix):
    h = ""
    for argv in ([str(wafix), "--help"], [str(wafix), "diff", "--help"]):
        try:
            r = subprocess.run(argv, capture_output=True, text=True, timeout=60)
            h += r.stdout + r.stderr
        except OSError:
            pass
    jobs = "-j" if re.search(r"(^|[\s,])-j\b", h) else ("--jobs" if "--jobs" in h else None)
    return {"jobs_flag": jobs, "no_cache": "--no-cache" in h}


def make_tools(root: Path, work: Path, wafix: Path, caps, only=()):
    bench = root / "bench"
    install = "run bench/run.sh, which installs it; see its output for the install error"
    venv = lambda tool, exe: str(work / f"venv-{tool}" / "bin" / exe)
    tools = []

    senv = {"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    nc = ["--no-cache"] if caps["no_cache"] else []
    tools.append(Tool(
        "wafix", version_of([str(wafix), "--version"]),
        timed=lambda c, o: [str(wafix), "diff", *nc, "--color", "never", c],
        counted=lambda c, o: [str(wafix), "diff", *nc, "--format", "json", c],
        parse=parse_wafix, ok_rc=(0, 1),
        note="all rules of this build, default -j (one thread per core)" + (", --no-cache" if nc else ""),
        missing=missing_exe(str(wafix), "run `make build`")))

    ruff = venv("ruff", "ruff")
    tools.append(Tool(
        "ruff", version_of([ruff, "--version"]) if not missing_exe(ruff, "") else "-",
        timed=lambda c, o: [ruff, "check", "--isolated", "--no-cache", "--exit-zero",
                            "--select", ",".join(RUFF_RULES), "--output-format", "json", c],
        parse=parse_ruff, note="--no-cache, " + ",".join(RUFF_RULES),
        missing=missing_exe(ruff, install)))

    sg = str(work / "npm" / "node_modules" / ".bin" / "ast-grep")
    tools.append(Tool(
        "ast-grep", version_of([sg, "--version"]) if not missing_exe(sg, "") else "-",
        timed=lambda c, o: [sg, "scan", "-c", str(bench / "rules" / "ast-grep" / "sgconfig.yml"),
                            "--json=compact", "-j", "2", c],
        parse=parse_astgrep, ok_rc=(0, 1), note="bench/rules/ast-grep, -j 2",
        missing=missing_exe(sg, install)))

    bandit = venv("bandit", "bandit")
    tools.append(Tool(
        "bandit", version_of([bandit, "--version"]) if not missing_exe(bandit, "") else "-",
        timed=lambda c, o: [bandit, "-q", "-r", "-t", ",".join(BANDIT_TESTS), "-f", "json", c],
        parse=parse_bandit, ok_rc=(0, 1), note="single process (bandit has no -j)",
        missing=missing_exe(bandit, install)))

    semgrep = venv("semgrep", "semgrep")
    # unshare -n: no network at all, which proves the run is offline.
    net = []
    if shutil.which("unshare"):
        if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
            net = ["unshare", "-n"]
    offline = ", no network (unshare -n)" if net else ""
    tools.append(Tool(
        "semgrep", version_of([semgrep, "--version"], senv) if not missing_exe(semgrep, "") else "-",
        timed=lambda c, o: [*net, semgrep, "scan", "--config",
                            str(bench / "rules" / "semgrep" / "wafix-equivalent.yml"),
                            "--metrics=off", "--disable-version-check", "--oss-only",
                            "--json", "-q", "-j", "2", "--timeout", "0",
                            "--max-target-bytes", "0", c],
        parse=parse_semgrep, env=senv, ok_rc=(0, 1),
        note="local rules bench/rules/semgrep, -j 2, --metrics=off" + offline,
        missing=missing_exe(semgrep, install)))

    cm = venv("codemodder", "codemodder")
    cmpy = venv("codemodder", "python")
    tools.append(Tool(
        "codemodder",
        version_of([cmpy, "-c", "import importlib.metadata as m; print(m.version('codemodder'))"])
        if not missing_exe(cm, "") else "-",
        # --path-exclude: codemodder skips tests/, test/, build/ ... by default; the other tools
        # scan them, so exclude only .git. It calls `semgrep` from PATH (its own pinned extra).
        timed=lambda c, o: [*net, cm, c, "--dry-run", "--codemod-include=" + ",".join(CODEMODS),
                            "--path-exclude=.git/**", "--max-workers", "2", "--output", o],
        parse=parse_codemodder,
        env=dict(senv, PATH=str(work / "venv-codemodder" / "bin") + os.pathsep + os.environ.get("PATH", "")),
        note="--dry-run, use-defusedxml + add-requests-timeouts, --max-workers 2" + offline,
        missing=missing_exe(cm, install)))
    return [t for t in tools if not only or t.name in only]
