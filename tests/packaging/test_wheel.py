"""The wheel `make wheel` builds: installed into a fresh venv it runs the sample as the build does,
links no shared library outside the wheel beyond the manylinux policy's, and carries the metadata
a package index page shows."""

import shutil
import unittest
import zipfile

from support import BINARY, SOURCE, TempDir, cmake_version, fresh_venv, main, run, wheel_path

# What a manylinux wheel may take from the system (glibc, the C++ runtime, zlib), by soname.
SYSTEM_LIBS = {"linux-vdso.so.1", "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
               "librt.so.1", "libresolv.so.2", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1"}


class InstalledWheel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        cls.venv = fresh_venv(cls.tmp.__enter__())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.__exit__(None, None, None)

    def wafix(self, *args, cwd=SOURCE):
        return run([self.venv / "bin" / "wafix", *args], cwd=cwd)

    def test_version_is_cmakes(self):
        r = self.wafix("--version")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "wafix " + cmake_version())

    def test_sample_diff_is_the_builds_and_applies(self):
        expected = run([BINARY, "diff", "--no-cache", "testdata/sample"], cwd=SOURCE)
        got = self.wafix("diff", "--no-cache", "testdata/sample")
        self.assertEqual(got.returncode, 1, got.stderr)  # changes pending
        self.assertEqual(got.stdout, expected.stdout)
        self.assertIn("+++ b/testdata/sample/functions/invoice_parser/handler.py", got.stdout)
        self.assertIn("+import defusedxml.ElementTree\n", got.stdout)
        self.assertIn("fixes pending in", got.stderr)
        with TempDir() as t:
            shutil.copytree(SOURCE / "testdata" / "sample", t / "testdata" / "sample")
            (t / "fix.patch").write_text(got.stdout)
            applied = run(["git", "apply", "--check", "fix.patch"], cwd=t)
            self.assertEqual(applied.returncode, 0, applied.stderr)

    def test_man_page_and_completions_are_installed(self):
        share = self.venv / "share"
        self.assertTrue((share / "man" / "man1" / "wafix.1").read_text().startswith(".TH WAFIX 1 "))
        self.assertIn("complete -o default -F _wafix wafix", (share / "bash-completion" / "completions" / "wafix").read_text())

    def test_rule_docs_are_inside(self):
        r = self.wafix("rules", "WA101")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("WA101 xml-external-entities", r.stdout)

    def test_only_bundled_libraries_beyond_the_system_ones(self):
        site = next((self.venv / "lib").glob("python3*/site-packages"))
        binary = site / "wafix.scripts" / "wafix"
        self.assertTrue(binary.is_file(), "auditwheel moves the executable into wafix.scripts/")
        ldd = run(["ldd", binary], check=True).stdout
        self.assertNotIn("not found", ldd)
        bundled, system = [], []
        for line in ldd.splitlines():
            name = line.split()[0]
            if "wafix.libs/" in line:
                bundled.append(name)
            else:
                system.append(name)
                self.assertIn(name.split("/")[-1], SYSTEM_LIBS, line)
        for lib in ("libgit2", "libcurl", "libre2", "libtree-sitter", "libfmt", "libtomlplusplus"):
            self.assertTrue(any(b.startswith(lib) for b in bundled), "%s bundled:\n%s" % (lib, ldd))


class WheelFile(unittest.TestCase):
    def test_name_and_metadata(self):
        wheel = wheel_path()
        self.assertRegex(wheel.name, r"^wafix-%s-py3-none-manylinux_2_\d+_x86_64\.whl$" % cmake_version())
        with zipfile.ZipFile(wheel) as z:
            meta = z.read("wafix-%s.dist-info/METADATA" % cmake_version()).decode()
            names = z.namelist()
        for field in ("Name: wafix", "Version: " + cmake_version(), "Summary: Rewrites Python serverless code",
                      "License-Expression: Apache-2.0", "Classifier: Topic :: Security", "Project-URL: Repository",
                      "Description-Content-Type: text/markdown", "# wafix"):
            self.assertIn(field, meta)
        self.assertIn("wafix-%s.dist-info/licenses/LICENSE" % cmake_version(), names)
        self.assertFalse([n for n in names if n.endswith((".a", ".h", ".hpp", ".cmake"))], "no build leftovers")


if __name__ == "__main__":
    main()
