"""Benchmark, not a test (it asserts no time): saving a version of a 5,000-inject scenario and
opening the editor on it, as the issue's "stay under 1 s" asks to measure. Prints figures.

    FIREDRILL_BROWSER_TESTS=bench_editor Tests/Browser/run.sh .build-release/release/firedrill

The scenario is the synthetic Japanese MSEL of `firedrill bench msel` (5,000 injects, when
chains and if guards, 200 objectives), imported with `firedrill msel import`.
"""
import json
import os
import subprocess
import tempfile
import time
import unittest
import urllib.request

from test_browser import BASE, TRAINER_TOKEN, BrowserTest, wait, wait_js

BIN = os.environ.get("FIREDRILL_BIN", "")


def timed_call(method, path, body):
    data = json.dumps(body).encode()
    request = urllib.request.Request(f"{BASE}/api/v1{path}", data=data, method=method, headers={
        "Authorization": f"Bearer {TRAINER_TOKEN}", "Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as answer:
        payload = json.loads(answer.read())
    return time.perf_counter() - start, payload


class EditorBenchmark(BrowserTest):
    def test_save_and_open_5000_injects(self):
        self.assertTrue(BIN, "run through Tests/Browser/run.sh, which names the binary")
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([BIN, "bench", "msel", "--injects", "5000", "--repeats", "1", "--write", folder], check=True, capture_output=True)
            out = os.path.join(folder, "msel-5000.yaml")
            subprocess.run([BIN, "msel", "import", os.path.join(folder, "msel-5000.xlsx"), "-o", out], check=True, capture_output=True)
            with open(out, encoding="utf-8") as f:
                source = f.read()
        scenario_id = next(line.split(":", 1)[1].strip() for line in source.splitlines() if line.startswith("id:"))
        rows = []
        first, saved = timed_call("POST", "/scenarios", {"source": source})
        rows.append(("save version 1 (POST /api/v1/scenarios)", first))
        version = saved.get("version", 1)
        second, _ = timed_call("PUT", f"/scenarios/{scenario_id}", {"source": source.replace("title:", "title: 改", 1), "base_version": version})
        rows.append(("save version 2 (PUT /api/v1/scenarios/ID)", second))

        trainer = self.browser("ja")
        self.sign_in_trainer(trainer)
        start = time.perf_counter()
        trainer.get(f"{BASE}/editor.html?scenario={scenario_id}")
        wait_js(trainer, "return document.querySelectorAll('#timeline-edit .tl-row').length >= 5000", "every inject on the timeline", timeout=120)
        shown = time.perf_counter() - start
        wait(trainer, lambda d: d.find_element("id", "problem-count").text.strip() != "", "the check has answered", timeout=120)
        checked = time.perf_counter() - start
        rows.append(("open the editor: every inject shown", shown))
        rows.append(("open the editor: checked by the server too", checked))
        print("\nEditor on a 5,000-inject scenario (%d bytes of YAML):" % len(source.encode()))
        for name, seconds in rows:
            print(f"  {name:<48} {seconds:6.2f} s")


if __name__ == "__main__":
    unittest.main()
