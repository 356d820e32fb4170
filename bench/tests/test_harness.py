"""Tests of the benchmark harness itself (not a benchmark): timeouts, crashes, missing peers,
verdicts, count differences and the perf summary. Run: python3 -m unittest discover -s bench/tests
(ctest runs it as bench_harness)."""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
import unittest
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))
_work = tempfile.mkdtemp(prefix="wafix-bench-test-")
os.environ["BENCH_WORK"] = _work  # before importing bench: its outputs go to a scratch dir

import bench  # noqa: E402
from wafix_bench import perf_profile, report, runner  # noqa: E402
from wafix_bench.tools import Tool, parse_wafix  # noqa: E402

PY = sys.executable
WAFIX_JSON = json.dumps({"findings": [
    {"rule": "WA101", "file": "./a.py", "range": {"start": {"line": 3}}},
    {"rule": "WA201", "file": "./b.py", "range": {"start": {"line": 7}}}]})


def fake(name, code, counter=None, parse=parse_wafix, ok_rc=(0,), missing=None, own_counting=False):
    """A Tool running `python3 -c code`; each run appends a line to `counter` if given. With
    own_counting, the counting command differs from the timed one (like wafix's --format json)."""
    prefix = f"open({str(counter)!r}, 'a').write('x\\n'); " if counter else ""
    argv = [PY, "-c", "import sys, time, os; " + prefix + code]
    counted = (lambda c, o: argv + ["--count"]) if own_counting else None
    return Tool(name, "0", timed=lambda c, o: argv, counted=counted, parse=parse, ok_rc=ok_rc,
                missing=missing)


def runs_in(counter: Path):
    return len(counter.read_text().splitlines()) if counter.exists() else 0


class RunnerTest(unittest.TestCase):
    def test_timeout_kills_the_whole_session_and_reports_cpu_used(self):
        with tempfile.TemporaryDirectory() as d:
            pidfile = Path(d) / "child.pid"
            # a busy parent and a child that sleeps in its own process group
            code = ("import os, subprocess; "
                    "p = subprocess.Popen(['sleep', '60'], preexec_fn=os.setpgrp); "
                    f"open({str(pidfile)!r}, 'w').write(str(p.pid))\n"
                    "while True: pass")
            t0 = time.monotonic()
            s = runner.run_once([PY, "-c", code], timeout=1.5)
            self.assertLess(time.monotonic() - t0, 10)
            self.assertTrue(s["timed_out"])
            self.assertIsNone(s["rc"])
            self.assertGreater(s["cpu"], 0.3, "CPU used before the kill is read from /proc")
            self.assertGreater(s["rss_kib"], 1000)
            child = int(pidfile.read_text())
            time.sleep(0.2)
            alive = Path(f"/proc/{child}").exists() and \
                Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
            self.assertFalse(alive, "a child in its own process group is killed too")

    def test_crash_is_a_failure_with_the_signal_name(self):
        s = runner.run_once(["sh", "-c", "kill -SEGV $$"], timeout=30)
        self.assertFalse(s["timed_out"])
        self.assertEqual(runner.failure(s, {0}), "killed by SIGSEGV")

    def test_unexpected_exit_code_and_missing_executable(self):
        s = runner.run_once(["sh", "-c", "exit 3"], timeout=30)
        self.assertEqual(runner.failure(s, {0, 1}), "exit 3 (expected 0, 1)")
        self.assertIsNone(runner.failure(s, None))
        s = runner.run_once(["/nonexistent/tool"], timeout=30)
        self.assertEqual(runner.failure(s, {0}), "could not be started (exit 127)")

    def test_interleaved_order_and_stop_after_timeout(self):
        order = []
        entries = [("a", [PY, "-c", "pass"], None, None),
                   ("slow", [PY, "-c", "import time; time.sleep(30)"], None, None),
                   ("b", [PY, "-c", "pass"], None, None)]
        res, failed = runner.interleaved(entries, lambda k: 3, order.append, timeout=1.0)
        self.assertEqual([len(res[k]) for k in ("a", "slow", "b")], [3, 1, 3])
        self.assertTrue(res["slow"][0]["timed_out"])
        self.assertEqual(failed, {})
        self.assertEqual([re.match(r"  round (\d): (\w+) run (\d)/3", line).groups() for line in order[:4]],
                         [("1", "a", "1"), ("1", "slow", "1"), ("1", "b", "1"), ("2", "a", "2")])
        self.assertIn("not repeated", order[1])


class MeasureCorpusTest(unittest.TestCase):
    def test_timeout_crash_and_missing_rows(self):
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            counters = {k: d / f"{k}.runs" for k in ("wafix", "peer", "slowpeer", "crashpeer", "latecrash")}
            tools = [
                fake("wafix", f"print({WAFIX_JSON!r})", counters["wafix"], own_counting=True),
                fake("peer", f"print({WAFIX_JSON!r})", counters["peer"]),
                fake("slowpeer", "time.sleep(60)", counters["slowpeer"]),
                fake("crashpeer", "os.kill(os.getpid(), 11)", counters["crashpeer"]),
                # succeeds in the counting run, then exits 4 in the second run
                fake("latecrash", f"n = len(open({str(counters['latecrash'])!r}).read().splitlines()); "
                                  f"print({WAFIX_JSON!r}); sys.exit(0 if n < 3 else 4)",
                     counters["latecrash"]),
                fake("absent", "pass", missing="not installed: /x/bin/absent is missing (run bench/run.sh)"),
            ]
            logs = []
            cres, locs = bench.measure_corpus("t", d, tools, lambda k: 3, 1.0, logs.append)
            self.assertEqual(cres["wafix"]["status"], "ok")
            self.assertEqual(cres["wafix"]["timing"]["runs"], 3)
            self.assertEqual(runs_in(counters["wafix"]), 4, "one counting run and three timed runs")
            self.assertEqual(cres["wafix"]["families"], {"xml": 1, "timeout": 1})
            self.assertEqual(cres["peer"]["timing"]["runs"], 3)
            self.assertEqual(runs_in(counters["peer"]), 3, "the same command: the counting run is timed run 1")

            self.assertEqual(cres["slowpeer"]["status"], "timeout")
            self.assertEqual(runs_in(counters["slowpeer"]), 1, "a timed-out tool is not run again")
            self.assertEqual(cres["slowpeer"]["in_run"], "counting run")

            self.assertEqual(cres["crashpeer"]["status"], "failed")
            self.assertIn("killed by SIGSEGV in the counting run", cres["crashpeer"]["why"])
            self.assertEqual(runs_in(counters["crashpeer"]), 1)

            self.assertEqual(cres["latecrash"]["status"], "failed")
            self.assertIn("exit 4 (expected 0) in timed run 3", cres["latecrash"]["why"])

            self.assertEqual(cres["absent"]["status"], "not-installed")
            self.assertIsNone(locs["absent"])

            # the rows say why
            w = cres["wafix"]["timing"]
            report.TARGETS["slowpeer"] = 50.0
            row = report.tool_row("slowpeer", cres["slowpeer"], w, 1.0)
            self.assertIn("> 1 s (timed out)", row)
            self.assertIn("1 timed out (counting run; not repeated)", row)
            self.assertIn("wafix >= ", row)
            self.assertIn("not installed: /x/bin/absent is missing", report.tool_row("absent", cres["absent"], w, 1.0))
            self.assertIn("SIGSEGV", report.tool_row("crashpeer", cres["crashpeer"], w, 1.0))
            del report.TARGETS["slowpeer"]


class VerdictTest(unittest.TestCase):
    def test_lower_bound_verdicts(self):
        wafix = {"median": 0.5, "cpu": 0.6}
        info = {"status": "timeout", "cpu_at_kill": 170.0, "rss_at_kill_mib": 80.0}
        ratio, _, v = report.peer_cells("codemodder", info, wafix, 180.0)
        self.assertEqual(ratio, "< 0.0028")
        self.assertTrue(v.startswith("met: wafix >= 360x faster"), v)
        ratio, _, v = report.peer_cells("codemodder", info, {"median": 5.0, "cpu": 5.0}, 180.0)
        self.assertTrue(v.startswith("not measured beyond the timeout: wafix >= 36.0x faster"), v)
        self.assertIn("target 50x", v)

    def test_measured_verdicts(self):
        self.assertEqual(report.speedup_verdict("bandit", 60.0), "met (60.0x >= 50x)")
        self.assertEqual(report.speedup_verdict("bandit", 25.0), "MISSED: 25.0x < 50x (short by a factor 2.0)")
        self.assertTrue(report.speedup_verdict("ruff", 2.0).startswith("met (wafix/ruff 0.50"))
        self.assertTrue(report.speedup_verdict("ruff", 0.5).startswith("MISSED: wafix/ruff 2.00 > 1.0"))


class ReadmeTest(unittest.TestCase):
    def results(self):
        t = {"runs": 5, "timeouts": 0, "median": 0.6, "min": 0.5, "max": 0.7, "cpu": 0.5, "rss_mib": 45.0}
        return {
            "started": "2026-01-02T03:04:05+00:00", "machine": "2 cores", "load_start": ["0.1", "0.2", "0.3"],
            "stats": {"stdlib": [668, 11300000]},
            "policy": {"runs": 5, "slow_runs": 3, "timeout": 180.0, "big": ["stdlib"]},
            "tools": {"wafix": {"version": "wafix 0.1.0"}, "codemodder": {"version": "6.5.5"},
                      "bandit": {"version": "-"}},
            "corpora": {"stdlib": {
                "wafix": {"status": "ok", "timing": t, "findings": 15},
                "codemodder": {"status": "timeout", "cpu_at_kill": 170.0, "rss_at_kill_mib": 90.0},
                "bandit": {"status": "not-installed", "why": "not installed: x is missing"}}},
            "extras": {"threads": None, "cache": None, "linearity": {}}}

    def test_block_between_the_markers(self):
        with tempfile.TemporaryDirectory() as d:
            readme = Path(d) / "README.md"
            readme.write_text("intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n")
            self.assertTrue(report.update_readme(readme, self.results()))
            text = readme.read_text()
            self.assertNotIn("old", text)
            self.assertTrue(text.startswith("intro\n<!-- bench:start -->\nLatest run: 2026-01-02 03:04 UTC"))
            self.assertTrue(text.endswith("<!-- bench:end -->\noutro\n"))
            self.assertIn("| codemodder | 6.5.5 | > 180 s (timed out) |", text)
            self.assertIn("met: wafix >= 300x faster", text)
            self.assertIn("not installed: x is missing", text)

    def test_no_stdlib_no_rewrite(self):
        R = self.results()
        R["corpora"] = {"sample": R["corpora"]["stdlib"]}
        with tempfile.TemporaryDirectory() as d:
            readme = Path(d) / "README.md"
            readme.write_text("<!-- bench:start -->\nold\n<!-- bench:end -->\n")
            self.assertFalse(report.update_readme(readme, R))
            self.assertIn("old", readme.read_text())


class OffCpuNotesTest(unittest.TestCase):
    def test_waiting_and_single_core_are_named(self):
        ex = {"cache": {"first": {"median": 1.2, "cpu": 0.6}, "second": {"median": 0.05, "cpu": 0.04}},
              "threads": {"j1": {"median": 0.55, "cpu": 0.5}, "j2": {"median": 0.52, "cpu": 0.53}}}
        notes = report.off_cpu_notes({"extras": ex})
        self.assertEqual(len(notes), 2)
        self.assertTrue(notes[0].startswith("The first cached run takes 1.200 s of wall time for 0.60 s"))
        self.assertIn("about 1.0 cores busy", notes[1])
        ex["threads"]["j2"] = {"median": 0.3, "cpu": 0.55}
        ex["cache"]["first"] = {"median": 0.62, "cpu": 0.6}
        self.assertEqual(report.off_cpu_notes({"extras": ex}), [])


class DifferencesTest(unittest.TestCase):
    def test_only_covered_families_with_locations(self):
        locs = {"wafix": [("xml", "a.py", 3), ("timeout", "b.py", 7), ("lambda-dlq", "c.py", 1)],
                "ruff": [("xml", "a.py", 3), ("xml", "z.py", 9), ("secrets", "s.py", 2)],
                "gone": None}
        rows = report.differences(locs)
        fams = {(r["family"], r["tool"]): r for r in rows}
        self.assertEqual(set(fams), {("xml", "ruff"), ("timeout", "ruff"), ("secrets", "ruff")})
        self.assertEqual(fams[("xml", "ruff")]["only_peer_examples"], ["z.py:9"])
        self.assertEqual(fams[("timeout", "ruff")]["only_wafix_examples"], ["b.py:7"])
        self.assertIn("urlopen", fams[("timeout", "ruff")]["reason"])


class ProfileTest(unittest.TestCase):
    def test_self_rows_group_unresolved_addresses(self):
        lines = [" 5.58%  |libre2.so.9.0.0        |[.] 0x000000000001c142      |-  -",
                 " 5.18%  |libc.so.6              |[.] __GI___memmem         |-  -",
                 " 1.79%  |libre2.so.9.0.0        |[.] 0x000000000001c16b      |-  -",
                 " 2.19%  |wafix                  |[.] wafix::secrets::may_contain_secrets |-  -"]
        rows = perf_profile.parse_self(lines, top=2)
        self.assertAlmostEqual(rows[0][0], 7.37)
        self.assertEqual(rows[0][1:], ("libre2.so.9.0.0", "(no symbols in this library)"))
        self.assertEqual(rows[1][2], "__GI___memmem")

    def test_children_rows_keep_our_code(self):
        lines = [" 95.42% | 0.00%  |[.] wafix::(anonymous namespace)::analyse   |-",
                 " 39.84% | 0.00%  |[.] wafix::Parser::parse  |-",
                 " 38.00% | 1.00%  |[.] ts_parser_parse  |-",
                 "  7.17% | 0.00%  |[.] wafix::SemanticBuilder::visit_block (inlined) |-",
                 "  5.78% | 0.20%  |[.] wafix::SemanticBuilder::visit_block |-"]
        rows = perf_profile.parse_children(lines)
        names = [r[2] for r in rows]
        self.assertEqual(names, ["wafix::(anonymous namespace)::analyse", "wafix::Parser::parse",
                                 "wafix::SemanticBuilder::visit_block"])
        self.assertAlmostEqual(rows[2][0], 7.17)

    def test_missing_perf_is_reported_not_raised(self):
        old = perf_profile.PERF
        path = os.environ.get("PATH", "")
        try:
            perf_profile.PERF = "/nonexistent/perf"
            os.environ["PATH"] = "/nonexistent"
            res = perf_profile.record(Path("/bin/true"), Path("/tmp"), Path(_work) / "perf", lambda m: None)
        finally:
            perf_profile.PERF = old
            os.environ["PATH"] = path
        self.assertIn("perf is not installed", res["unavailable"])
        R = {"profile": res, "corpora": {}, "extras": {}, "policy": {"timeout": 180.0}}
        self.assertIn("No profile: perf is not installed", report.render_profile(R))


if __name__ == "__main__":
    unittest.main()
