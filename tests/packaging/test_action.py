"""action.yml: valid against the GitHub Actions metadata schema (check-jsonschema's vendored
copy, pinned in tests/requirements.lock) and the documented metadata rules, and its shell steps
run for real by actions_runner.py in modes check, diff and pr (against the GitHub API emulator)."""

import json
import shutil
import subprocess
import time
import unittest
from pathlib import Path

import yaml

from actions_runner import Runner
from support import BINARY, SOURCE, TEST_VENV, TempDir, main, run, wheel_path

ACTION = yaml.safe_load((SOURCE / "action.yml").read_text())
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "Dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


def check_jsonschema(path):
    return run([TEST_VENV / "bin" / "check-jsonschema", "--builtin-schema", "vendor.github-actions", path])


def expected_findings(path, cwd):
    out = run([BINARY, "check", "--no-cache", "--format", "json", path], cwd=cwd).stdout
    return json.loads(out)["summary"]["findings"]


class Metadata(unittest.TestCase):
    def test_schema_accepts_action_yml(self):
        r = check_jsonschema(SOURCE / "action.yml")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_schema_rejects_what_the_runner_would(self):
        # The validator is not a rubber stamp: a run step without shell, an unknown `using`.
        with TempDir() as t:
            for breakage in ("shell", "using"):
                broken = json.loads(json.dumps(ACTION))
                if breakage == "shell":
                    del broken["runs"]["steps"][2]["shell"]
                else:
                    broken["runs"]["using"] = "composite-ish"
                (t / "action.yml").write_text(yaml.safe_dump(broken))
                self.assertNotEqual(check_jsonschema(t / "action.yml").returncode, 0, breakage)

    def test_documented_rules(self):
        steps = ACTION["runs"]["steps"]
        ids = {s["id"] for s in steps if "id" in s}
        text = (SOURCE / "action.yml").read_text()
        for name in __import__("re").findall(r"inputs\.([A-Za-z0-9_-]+)", text):
            self.assertIn(name, ACTION["inputs"], "undeclared input %s" % name)
        for step_id in __import__("re").findall(r"steps\.([A-Za-z0-9_-]+)\.outputs", text):
            self.assertIn(step_id, ids)
        for name, out in ACTION["outputs"].items():
            self.assertIn("value", out, "a composite action's output needs a value: " + name)
        for s in steps:
            if "run" in s:
                # Inputs reach scripts through env, never spliced into the script (script injection).
                self.assertNotIn("${{", s["run"], s.get("name"))
        upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
        self.assertEqual(len(upload), 1)
        self.assertEqual(upload[0]["with"]["sarif_file"], "${{ steps.run.outputs.sarif-file }}")


class Modes(unittest.TestCase):
    def setUp(self):
        self.wheel = wheel_path()
        self.tmp = TempDir()
        self.root = self.tmp.__enter__()
        self.home = self.root / "home"
        self.home.mkdir()

    def tearDown(self):
        self.tmp.__exit__(None, None, None)

    def sample_workspace(self):
        ws = self.root / "workspace"
        shutil.copytree(SOURCE / "testdata" / "sample", ws)
        return ws

    def runner(self, ws, env=None, **inputs):
        return Runner(SOURCE, inputs, ws, self.home, env)

    def test_check_writes_sarif_for_upload_and_counts_findings(self):
        ws = self.sample_workspace()
        # The wheel where a previous run's actions/cache would have restored it.
        cache = self.home / ".cache" / "wafix-action" / "wheels"
        cache.mkdir(parents=True)
        shutil.copy(self.wheel, cache)
        r = self.runner(ws, mode="check")
        ok, outputs = r.run(ACTION)
        self.assertTrue(ok, r.log)
        self.assertTrue(r.steps["key"]["key"].startswith("wafix-wheel-"), r.steps)
        self.assertIn(("actions/cache@v4", {"path": "~/.cache/wafix-action/wheels", "key": r.steps["key"]["key"]}),
                      r.uses)
        self.assertNotIn("Building the wafix wheel", str(r.log), "the cached wheel is installed")
        n = expected_findings(".", ws)
        self.assertGreater(n, 0)
        self.assertEqual(outputs["findings"], str(n))
        self.assertEqual(outputs["exit-code"], "1")
        sarif = json.loads((ws / outputs["sarif-file"]).read_text())
        self.assertEqual(sarif["version"], "2.1.0")
        self.assertEqual(sum(len(x["results"]) for x in sarif["runs"]), n)
        self.assertIn(("github/codeql-action/upload-sarif@v3", {"sarif_file": "wafix.sarif", "category": "wafix"}),
                      r.uses)
        run_log = [entry for entry in r.log if entry[0] == "Run wafix"][0][2]
        self.assertIn("::warning file=", run_log)  # annotations
        self.assertIn("Findings: %d" % n, r.summary.read_text())

    def test_diff_writes_a_patch_and_fails_on_findings_when_asked(self):
        ws = self.sample_workspace()
        r = self.runner(ws, mode="diff", wheel=str(self.wheel), **{"fail-on-findings": "true", "args": "--select WA101"})
        ok, outputs = r.run(ACTION)
        self.assertFalse(ok)
        self.assertEqual(r.log[-1][1], 1, r.log[-1])
        self.assertIn("::error::wafix reported", r.log[-1][2])
        self.assertEqual([u for u, _ in r.uses], [], "no cache step for an explicit wheel, no upload in diff mode")
        patch = (ws / outputs["diff-file"]).read_text()
        self.assertIn("+import defusedxml.ElementTree", patch)
        self.assertNotIn("timeout=", patch)  # --select WA101 reached wafix
        self.assertEqual(run(["git", "apply", "--check", outputs["diff-file"]], cwd=ws).returncode, 0)
        self.assertEqual(outputs["exit-code"], "1")
        self.assertGreater(int(outputs["findings"]), 0)

    def test_pr_opens_pull_requests_and_outputs_their_urls(self):
        origin, ws = self.root / "origin.git", self.root / "workspace"
        run(["git", "init", "-q", "--bare", "-b", "main", origin], check=True)
        seed = self.root / "seed"
        shutil.copytree(SOURCE / "testdata" / "sample", seed)
        for argv in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "sample"],
                     ["git", "push", "-q", str(origin), "HEAD:main"]):
            run(argv, cwd=seed, env=GIT_ENV, check=True)
        run(["git", "clone", "-q", origin, ws], env=GIT_ENV, check=True)
        port_file = self.root / "port"
        emulator = subprocess.Popen(["python3", SOURCE / "tests" / "support" / "github_emulator.py", "--port-file",
                                     port_file, "--token", "t0ken", "--repo", "octo/widgets", "--git-dir", origin])
        try:
            for _ in range(100):
                if port_file.exists():
                    break
                time.sleep(0.05)
            api = "http://127.0.0.1:%s" % port_file.read_text()
            env = dict(GIT_ENV, GITHUB_REPOSITORY="octo/widgets", GITHUB_API_URL=api)
            r = self.runner(ws, env, mode="pr", wheel=str(self.wheel), token="t0ken")
            ok, outputs = r.run(ACTION)
            self.assertTrue(ok, r.log)
            import urllib.request
            state = json.load(urllib.request.urlopen(api + "/_emulator/state"))
            urls = sorted(p["html_url"] for p in state["pulls"].values()) if isinstance(state["pulls"], dict) \
                else sorted(p["html_url"] for p in state["pulls"])
            self.assertEqual(len(urls), 4)
            self.assertEqual(sorted(outputs["pull-requests"].split()), urls)
            self.assertEqual(outputs["exit-code"], "0")
            self.assertEqual(outputs["findings"], str(expected_findings(".", ws)))
            self.assertIn("refs/heads/wafix/xml", run(["git", "--git-dir", origin, "for-each-ref"]).stdout)
            self.assertNotIn("t0ken", str(r.log))
        finally:
            emulator.terminate()
            emulator.wait(10)


if __name__ == "__main__":
    main()
