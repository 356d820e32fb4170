"""`wafix report --html` in a real headless Chromium (Debian's chromium and chromium-driver, driven
by selenium pinned in tests/requirements.lock): no horizontal overflow at 1280 px, Markdown
rendered, the pillar chart and the table's sorting and filtering agree with `--format json`.
Screenshots are kept in build/report-browser/."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

from support import BINARY, SOURCE, main, run

OUT = SOURCE / "build" / "report-browser"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1000"]


def loopback_service(Service):
    """chromedriver reached at 127.0.0.1 rather than by the name "localhost", which a minimal root
    (debootstrap minbase has no /etc/hosts) cannot resolve."""
    from selenium.webdriver.common import utils

    class LoopbackService(Service):
        @property
        def service_url(self):
            return "http://127.0.0.1:%d" % self.port

        def is_connectable(self):
            return utils.is_url_connectable(self.port, host="127.0.0.1")

    return LoopbackService(executable_path="/usr/bin/chromedriver")


def start_chromium(profile):
    """Chromium with its DevTools endpoint on 127.0.0.1, for chromedriver to attach to: launched by
    chromedriver, the browser is reached through "localhost" (see loopback_service)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    browser = subprocess.Popen(["/usr/bin/chromium"] + FLAGS + [
        "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=%d" % port, "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/json/version" % port, timeout=2):
                return browser, port
        except OSError:
            if browser.poll() is not None:
                break
            time.sleep(0.2)
    browser.kill()
    raise RuntimeError("chromium did not open its DevTools port (exit %s)" % browser.poll())


class ReportInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            from selenium import webdriver
            from selenium.webdriver.chrome.service import Service
        except ImportError:
            raise unittest.SkipTest("selenium is not in .venv (scripts/install-deps.sh installs tests/requirements.lock)")
        for exe in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
            if not os.path.exists(exe):
                raise unittest.SkipTest("%s missing (Debian chromium, chromium-driver)" % exe)
        OUT.mkdir(parents=True, exist_ok=True)
        report = run([BINARY, "report", "--no-cache", "--html", "-o", OUT / "sample.html", "testdata/sample"], cwd=SOURCE)
        assert report.returncode == 0, report.stderr
        cls.summary = json.loads(run([BINARY, "check", "--no-cache", "--format", "json", "testdata/sample"],
                                     cwd=SOURCE).stdout)["summary"]
        cls.profile = tempfile.mkdtemp(prefix="wafix-chromium-")
        cls.browser, port = start_chromium(cls.profile)
        options = webdriver.ChromeOptions()
        options.debugger_address = "127.0.0.1:%d" % port
        cls.driver = webdriver.Chrome(service=loopback_service(Service), options=options)
        cls.driver.get((OUT / "sample.html").as_uri())

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.browser.terminate()
        try:
            cls.browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            cls.browser.kill()
        shutil.rmtree(cls.profile, ignore_errors=True)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def visible_rows(self):
        return self.js("return Array.from(document.querySelectorAll('#findings tbody tr'))"
                       ".filter(r => !r.hidden).map(r => [r.dataset.rule, r.dataset.pillar, r.dataset.file, +r.dataset.line]);")

    def choose(self, filter_name, value):
        self.js("const s = document.querySelector('#filters select[data-filter=' + arguments[0] + ']');"
                "s.value = arguments[1]; s.dispatchEvent(new Event('change'));", filter_name, value)

    def test_1_layout_fits_1280_px_and_markdown_is_rendered(self):
        self.assertEqual(self.js("return window.innerWidth;"), 1280)
        self.assertLessEqual(self.js("return document.documentElement.scrollWidth;"), 1280)
        wider = self.js("return Array.from(document.querySelectorAll('main *')).filter(e => "
                        "e.getBoundingClientRect().right > window.innerWidth + 0.5).map(e => e.tagName);")
        self.assertEqual(wider, [])
        self.assertEqual(self.js("return document.querySelectorAll('#findings tbody tr').length;"),
                         self.summary["findings"])
        messages = self.js("return Array.from(document.querySelectorAll('td.msg')).map(e => e.textContent);")
        self.assertFalse([m for m in messages if "`" in m], "no literal backticks")
        self.assertGreater(self.js("return document.querySelectorAll('td.msg code').length;"), 10)
        self.driver.save_screenshot(str(OUT / "report-1280.png"))

    def test_2_chart_counts_by_pillar(self):
        bars = self.js("return Array.from(document.querySelectorAll('#pillar-chart g.bar'))"
                       ".map(g => [g.dataset.pillar, +g.dataset.count]);")
        self.assertEqual([p for p, _ in bars], ["OPS", "SEC", "REL", "PERF", "COST", "SUS"])
        for pillar, n in bars:
            self.assertEqual(n, self.summary["by_pillar"].get(pillar, 0), pillar)
        widths = self.js("return Array.from(document.querySelectorAll('#pillar-chart g.bar[data-pillar=REL] rect'))"
                         ".map(r => r.getBoundingClientRect().width);")
        self.assertGreater(sum(widths), 100, "the largest pillar has a visible bar")

    def test_3_filters(self):
        for rule, n in self.summary["by_rule"].items():
            self.choose("rule", rule)
            rows = self.visible_rows()
            self.assertEqual(len(rows), n, rule)
            self.assertEqual({r[0] for r in rows}, {rule})
        self.assertEqual(self.js("return document.getElementById('shown').textContent;"),
                         "%d of %d findings shown" % (n, self.summary["findings"]))
        self.choose("rule", "")
        self.choose("pillar", "COST")
        self.assertEqual(len(self.visible_rows()), self.summary["by_pillar"]["COST"])
        self.choose("file", "testdata/sample/infra/orders_stack.py")
        rows = self.visible_rows()
        self.assertTrue(rows and all(r[2] == "testdata/sample/infra/orders_stack.py" and "COST" in r[1] for r in rows))
        self.driver.save_screenshot(str(OUT / "report-filtered.png"))
        self.choose("severity", "warning")
        self.assertEqual(len(self.visible_rows()), len(rows))
        for name in ("pillar", "file", "severity"):
            self.choose(name, "")
        self.assertEqual(len(self.visible_rows()), self.summary["findings"])

    def test_4_sorting(self):
        from selenium.webdriver.common.by import By
        button = self.driver.find_element(By.CSS_SELECTOR, "th[data-sort=rule] button")
        button.click()
        rules = [r[0] for r in self.visible_rows()]
        self.assertEqual(rules, sorted(rules))
        self.assertEqual(self.js("return document.querySelector('th[data-sort=rule]').getAttribute('aria-sort');"),
                         "ascending")
        button.click()
        self.assertEqual([r[0] for r in self.visible_rows()], sorted(rules, reverse=True))
        self.driver.find_element(By.CSS_SELECTOR, "th[data-sort=where] button").click()
        where = [(r[2], r[3]) for r in self.visible_rows()]
        self.assertEqual(where, sorted(where), "files by name, lines by number")


if __name__ == "__main__":
    main()
