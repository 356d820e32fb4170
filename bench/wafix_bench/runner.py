"""Running one command under /usr/bin/time -v with a timeout, and interleaved timing rounds."""
from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import tempfile
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def session_usage(sid: int):
    """CPU seconds and largest peak RSS (KiB) of the live processes of session sid, from /proc.

    A killed run takes /usr/bin/time down with it, so time reports nothing; this is read just
    before the kill and says how much the tool had used (so a slow tool is told from a hung one).
    """
    cpu, hwm = 0.0, 0
    for pid in pids_of_session(sid):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                stat = fh.read()
            f = stat[stat.rindex(")") + 2:].split()
            # utime, stime, cutime, cstime: fields 14-17 of proc(5); f[0] is field 3
            cpu += sum(int(x) for x in f[11:15]) / CLK_TCK
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            continue  # exited meanwhile
    return cpu, hwm


def pids_of_session(sid: int):
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                stat = fh.read()
            f = stat[stat.rindex(")") + 2:].split()
            if int(f[3]) == sid:  # field 6, session id
                out.append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    return out


def kill_session(sid: int):
    """SIGKILL the process group and then anything else left in the session (a child that made
    its own process group would otherwise keep running after the timeout)."""
    try:
        os.killpg(sid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for pid in pids_of_session(sid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_once(argv, cwd=None, env=None, timeout=180.0):
    """Run argv under /usr/bin/time -v in a new session.

    Returns wall s, cpu s, peak RSS KiB, rc, timed_out, signal (the tool's terminating signal, if
    any), stdout and the tail of stderr. A run still going after `timeout` seconds is killed with
    its whole session; its cpu and rss are then what /proc showed just before the kill.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, \
            tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        e = dict(os.environ, **(env or {}))
        t0 = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tf.name, *argv], cwd=cwd, env=e,
                             stdout=fo, stderr=fe, start_new_session=True)
        timed_out = False
        cpu_at_kill = rss_at_kill = 0
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            cpu_at_kill, rss_at_kill = session_usage(p.pid)
            kill_session(p.pid)
            p.wait()
        wall = time.perf_counter() - t0
        tv = tf.read()
        fo.seek(0)
        fe.seek(0)
        out = fo.read().decode("utf-8", "replace")
        err = fe.read().decode("utf-8", "replace")[-4000:]

    def g(key):
        m = re.search(re.escape(key) + r":\s*([\d.]+)", tv)
        return float(m.group(1)) if m else 0.0

    sig = None
    m = re.search(r"Command terminated by signal (\d+)", tv)
    if m:
        sig = int(m.group(1))
    m = re.search(r"Exit status:\s*(\d+)", tv)
    rc = int(m.group(1)) if m else p.returncode
    if timed_out:
        return {"wall": wall, "cpu": cpu_at_kill, "rss_kib": rss_at_kill, "rc": None,
                "timed_out": True, "signal": None, "stdout": out, "stderr": err}
    if "cannot run" in err and p.returncode == 127:
        rc = 127
    return {"wall": wall, "cpu": g("User time (seconds)") + g("System time (seconds)"),
            "rss_kib": g("Maximum resident set size (kbytes)"), "rc": rc, "timed_out": False,
            "signal": sig, "stdout": out, "stderr": err}


def signal_name(sig):
    try:
        return signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"


def failure(sample, expected_rc=None):
    """Why a run counts as failed (None if it did not): killed by a signal, could not be
    started, or an exit code other than the expected one."""
    if sample.get("timed_out"):
        return None  # reported separately, as a lower bound
    if sample.get("signal"):
        return f"killed by {signal_name(sample['signal'])}"
    if sample["rc"] == 127:
        return "could not be started (exit 127)"
    if expected_rc is not None and sample["rc"] not in expected_rc:
        return f"exit {sample['rc']} (expected {', '.join(map(str, sorted(expected_rc)))})"
    return None


def last_line(text, n=200):
    lines = [x for x in text.strip().splitlines() if x.strip()]
    return (lines[-1] if lines else "").replace("|", "/")[:n]


def summarize(samples):
    """Median, min, max wall and median CPU of the completed runs; the largest peak RSS."""
    done = [s for s in samples if not s.get("timed_out")]
    w = [s["wall"] for s in done]
    out = {"runs": len(samples), "timeouts": len(samples) - len(done)}
    if w:
        out.update(median=statistics.median(w), min=min(w), max=max(w),
                   cpu=statistics.median(s["cpu"] for s in done),
                   rss_mib=max(s["rss_kib"] for s in done) / 1024.0)
    return out


def interleaved(entries, runs_of, log, timeout, expected_rc=lambda key: None, seed=None):
    """Time commands in rounds (A B C, A B C, ...) so a load change hits every one alike.

    entries: list of (key, argv, cwd, env); seed: runs already made per key (a counting run of
    the very same command is its first timed run). A command leaves the later rounds once it
    has its runs_of(key) runs, or after a run that timed out (repeating a timeout only costs
    time) or failed (that run's reason is kept in `failed`).
    """
    res = {k: list((seed or {}).get(k, [])) for k, *_ in entries}
    failed = {}
    stopped = set()
    rounds = max((runs_of(k) for k, *_ in entries), default=0)
    for r in range(rounds):
        for key, argv, cwd, env in entries:
            if key in stopped or len(res[key]) >= runs_of(key):
                continue
            s = run_once(argv, cwd=cwd, env=env, timeout=timeout)
            out = s.pop("stdout")
            res[key].append(s)
            n = f"{len(res[key])}/{runs_of(key)}"
            why = failure(s, expected_rc(key))
            if s["timed_out"]:
                stopped.add(key)
                log(f"  round {r + 1}: {key} run {n}: killed after {timeout:.0f} s (timeout), "
                    f"{s['cpu']:.1f} s CPU by then; not repeated")
            elif why:
                stopped.add(key)
                failed[key] = f"{why} in timed run {len(res[key])}; last output line: " \
                              f"{last_line(s['stderr']) or last_line(out) or '(none)'}"
                log(f"  round {r + 1}: {key} run {n}: FAILED: {failed[key]}")
            else:
                log(f"  round {r + 1}: {key} run {n}: {s['wall']:.3f}s cpu {s['cpu']:.2f}s "
                    f"rss {s['rss_kib'] / 1024:.1f} MiB rc {s['rc']}")
    return res, failed
