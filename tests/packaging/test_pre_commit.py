"""The pre-commit hooks of .pre-commit-hooks.yaml with the real pre-commit (pinned in
tests/requirements.lock): `language: python` installs wafix from this repository into pre-commit's
own virtualenv (here from the prebuilt wheel, as WAFIX_PREBUILT_WHEEL_DIR allows), then `wafix`
fails on a finding, `wafix-fix` rewrites the file, and the check passes afterwards."""

import importlib.util
import os
import unittest

from support import SOURCE, TEST_VENV, WHEEL_DIR, TempDir, main, run, wheel_path

UNSAFE = "import xml.etree.ElementTree as ET\n\n\ndef handler(event, context):\n    return ET.fromstring(event['body']).tag\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "Dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


class PreCommitHooks(unittest.TestCase):
    def setUp(self):
        wheel_path()  # skips with a reason when there is no wheel
        self.pre_commit = TEST_VENV / "bin" / "pre-commit"
        if not self.pre_commit.exists():
            self.skipTest("pre-commit is not in .venv (scripts/install-deps.sh installs tests/requirements.lock)")
        self.tmp = TempDir()
        root = self.tmp.__enter__()
        self.repo = root / "project"
        self.repo.mkdir()
        self.env = dict(GIT_ENV, PRE_COMMIT_HOME=str(root / "cache"), WAFIX_PREBUILT_WHEEL_DIR=str(WHEEL_DIR),
                        PRE_COMMIT_COLOR="never")
        (self.repo / "handler.py").write_text(UNSAFE)
        (self.repo / "clean.py").write_text("print('hello')\n")
        run(["git", "init", "-q", "-b", "main"], cwd=self.repo, check=True)
        run(["git", "add", "-A"], cwd=self.repo, check=True)
        run(["git", "commit", "-q", "-m", "start"], cwd=self.repo, env=self.env, check=True)

    def tearDown(self):
        self.tmp.__exit__(None, None, None)

    def try_repo(self, hook):
        return run([self.pre_commit, "try-repo", SOURCE, hook, "--all-files", "--verbose"], cwd=self.repo,
                   env=self.env)

    def test_check_fails_fix_rewrites_then_check_passes(self):
        check = self.try_repo("wafix")
        out = check.stdout + check.stderr
        self.assertEqual(check.returncode, 1, out)
        self.assertRegex(out, r"wafix check\.+Failed")
        self.assertIn("handler.py:5:12: WA101", out)
        self.assertNotIn("clean.py:", out)

        fix = self.try_repo("wafix-fix")
        out = fix.stdout + fix.stderr
        self.assertEqual(fix.returncode, 1, out)  # pre-commit fails a hook that changed files
        self.assertRegex(out, r"wafix fix\.+Failed")
        self.assertIn("files were modified by this hook", out)
        self.assertIn("import defusedxml.ElementTree as ET", (self.repo / "handler.py").read_text())

        again = self.try_repo("wafix")
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        self.assertRegex(again.stdout, r"wafix check\.+Passed")

    def test_the_hook_installs_the_prebuilt_wheel(self):
        log = self.repo.parent / "pip.log"
        self.env["PIP_LOG"] = str(log)  # pip's own log of the install pre-commit runs
        diff = self.try_repo("wafix-diff")
        self.assertEqual(diff.returncode, 1, diff.stdout + diff.stderr)
        self.assertIn("+import defusedxml.ElementTree as ET", diff.stdout)
        text = log.read_text()
        self.assertIn("wafix: installing the prebuilt %s" % wheel_path().name, text)
        self.assertIn("Successfully installed wafix-", text)


class Backend(unittest.TestCase):
    """python/wafix_backend.py: compile unless a prebuilt wheel of this version is offered."""

    def load(self):
        spec = importlib.util.spec_from_file_location("wafix_backend", SOURCE / "python" / "wafix_backend.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_build_requirements(self):
        backend = self.load()
        saved = os.environ.pop("WAFIX_PREBUILT_WHEEL_DIR", None)
        try:
            self.assertEqual(backend.get_requires_for_build_wheel(), [backend.SCIKIT_BUILD_CORE])
            with TempDir() as t:
                os.environ["WAFIX_PREBUILT_WHEEL_DIR"] = str(t)
                self.assertEqual(backend.get_requires_for_build_wheel(), [backend.SCIKIT_BUILD_CORE])
                (t / ("wafix-0.0.1-py3-none-manylinux_2_34_%s.whl" % os.uname().machine)).write_bytes(b"")
                self.assertEqual(backend.get_requires_for_build_wheel(), [backend.SCIKIT_BUILD_CORE],
                                 "another version is not used")
                name = "wafix-%s-py3-none-manylinux_2_34_%s.whl" % (backend._version(), os.uname().machine)
                (t / name).write_bytes(b"")
                self.assertEqual(backend.get_requires_for_build_wheel(), [])
                out = t / "out"
                out.mkdir()
                self.assertEqual(backend.build_wheel(str(out)), name)
                self.assertTrue((out / name).exists())
        finally:
            os.environ.pop("WAFIX_PREBUILT_WHEEL_DIR", None)
            if saved is not None:
                os.environ["WAFIX_PREBUILT_WHEEL_DIR"] = saved


if __name__ == "__main__":
    main()
