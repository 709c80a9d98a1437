"""Warm reruns and figure bytes per page (bench/run.py, sections warm and bytes): in a child process per mode,
the real app or the naive one (bench/naive.py), through AppTest with one shared script cache."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from bench.common import PAGES, REPO, SCRIPTS


def measure_pages(mode: str, repeats: int) -> dict:
    """Warm rerun script time and figure bytes per page, in this process (`mode` 'real' or 'naive')."""
    sys.path.insert(0, str(REPO / "tests" / "app"))
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    if mode == "naive":
        from bench import naive

        naive.apply()
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    # A server compiles app.py and the pages once (one ScriptCache per runtime); AppTest makes a new ScriptCache
    # per run, so every AppTest rerun would recompile the scripts, a cost no server rerun has. Share one.
    shared_scripts = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared_scripts
    app = str(REPO / "app.py")
    times: list[float] = []
    original = script_runner.ScriptRunner._run_script

    def timed(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            times.append(time.perf_counter() - start)

    script_runner.ScriptRunner._run_script = timed
    result: dict = {"warm_ms": {}, "bytes": {}}
    for page in PAGES:
        at = AppTest.from_file(app, default_timeout=120)
        at.run()  # AppTest finds a page with its own url_path only after st.navigation ran once
        at.switch_page(SCRIPTS[page])
        at.run()
        for value in ("vo", "po"):  # warm both filter values once
            at.radio(key="sector").set_value(value).run()
        result["bytes"][page] = sum(len(c.proto.spec) for c in at.get("plotly_chart"))
        times.clear()
        for i in range(repeats):
            at.radio(key="sector").set_value(("vo", "po")[i % 2]).run()
            assert not at.exception, [e.value for e in at.exception]
        result["warm_ms"][page] = statistics.median(times) * 1000
    at = AppTest.from_file(app, default_timeout=120)
    at.query_params["oregio"] = "OR-amsterdamse-onderwijsregio"
    at.run()
    at.switch_page(SCRIPTS["onderwijsregios"])
    at.run()
    specs = {c.proto.id: len(c.proto.spec) for c in at.get("plotly_chart")}
    am = AppTest.from_file(app, default_timeout=120)
    am.run()
    am.switch_page(SCRIPTS["regionale-tekorten"])
    am.run()
    result["bytes"]["kaart arbeidsmarktregio's"] = len(am.get("plotly_chart")[0].proto.spec)
    result["bytes"]["kaart gemeenten (alle 342)"] = max(specs.values())
    return result


def in_child(mode: str, repeats: int) -> dict:
    out = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--_pages", mode, "--repeats", str(repeats)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])
