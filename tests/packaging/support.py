"""Shared by the packaging tests: where things are, running commands, a fresh venv with the wheel."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
WHEEL_DIR = Path(os.environ.get("WAFIX_WHEEL_DIR", SOURCE / "build" / "wheel" / "dist"))
BINARY = Path(os.environ.get("WAFIX_BINARY", SOURCE / "build" / "wafix"))
TEST_VENV = SOURCE / ".venv"


def cmake_version():
    text = (SOURCE / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(wafix VERSION ([0-9.]+)", text).group(1)


def wheel_path():
    wheels = sorted(WHEEL_DIR.glob("wafix-%s-py3-none-*.whl" % cmake_version()))
    if len(wheels) != 1:
        raise unittest.SkipTest("expected one wheel in %s (the wheel_build test makes it), found %s" % (WHEEL_DIR, wheels))
    return wheels[0]


def run(argv, cwd=None, env=None, check=False, timeout=600):
    """Runs argv; returns CompletedProcess with text stdout/stderr."""
    merged = dict(os.environ)
    merged.update(env or {})
    p = subprocess.run([str(a) for a in argv], cwd=cwd, env=merged, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s" % (argv, p.returncode, p.stdout, p.stderr))
    return p


class TempDir:
    def __enter__(self):
        self.path = Path(tempfile.mkdtemp(prefix="wafix-pkg-"))
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def fresh_venv(where):
    """A venv made by Debian's python3 with nothing but pip, and the wheel installed offline."""
    venv = where / "venv"
    run(["/usr/bin/python3", "-m", "venv", venv], check=True)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-index", "--disable-pip-version-check",
         wheel_path()], check=True)
    return venv


def main():
    unittest.main(module="__main__", verbosity=2)


if __name__ == "__main__":
    sys.exit("import this module")
