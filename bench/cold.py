"""Cold start (bench/run.py, section cold): process start to the first page fully drawn in Chromium, for the app
as users start it (serve.py), without warm-up (app.py), the naive app and Streamlit's floor, interleaved."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.common import CHROMIUM, CHROMIUM_ARGS, OUTPUT, REPO, start_server, wait_healthy

NAIVE_MAIN = REPO / ".bench_naive_app.py"  # next to app.py, so page paths resolve; removed after the run

DRAWN = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
    if (charts.length === 0) return false;
    for (const c of charts) {
        const gd = c.querySelector('.js-plotly-plot');
        if (!gd || !gd._fullLayout) return false;
        const sub = gd._fullLayout.map && gd._fullLayout.map._subplot;
        if (sub && !(sub.map && sub.map.loaded() && sub.map.areTilesLoaded())) return false;
    }
    return true;
}"""


def cold_start(main: str, browser, idle_s: float = 0, cwd: Path = REPO) -> float:
    """Seconds from starting the server process to the overview page fully drawn. With `idle_s`, the first
    visitor arrives that long after the server is up, and the seconds count from the visit."""
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    start = time.perf_counter()
    proc, url = start_server(main, cwd=cwd)
    try:
        wait_healthy(url)
        if idle_s:
            time.sleep(idle_s)
            start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(DRAWN, timeout=120_000, polling=20)
        return time.perf_counter() - start
    finally:
        page.close()
        proc.terminate()
        proc.wait(10)


FIRST_VISIT_AFTER_S = 5
COLD_BUDGET, VISIT_BUDGET = 1.4, 1.15  # ratios to the floor app measured in the same run (issue 13)
FLOOR_APP = OUTPUT / "floor_app.py"  # Streamlit's own floor: a title and one small plotly chart, nothing else
# Floors run outside the repository: bare Streamlit, with its defaults, not the dashboard's .streamlit/config.toml
# (whose runner.postScriptGC = false alone takes ~50 ms off every click of the floor too).
FLOOR_CWD = OUTPUT
FLOOR_SOURCE = """import plotly.graph_objects as go
import streamlit as st

st.title("Ondergrens")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
"""


def measure_cold(repeats: int) -> dict:
    """Cold start of the dashboard as users start it (serve.py: warm-up at server start), of the same app
    without the warm-up (app.py), of the naive app, and of Streamlit's floor on this machine."""
    from playwright.sync_api import sync_playwright

    NAIVE_MAIN.write_text("import bench.naive\n\nbench.naive.apply()\nexec(open('app.py').read())\n")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    FLOOR_APP.write_text(FLOOR_SOURCE)
    runs = {  # name -> (script, seconds the server is up before the first visit)
        "real": ("serve.py", 0),
        "no_warmup": ("app.py", 0),
        "naive": (NAIVE_MAIN.name, 0),
        "floor": (str(FLOOR_APP), 0),
        "visit": ("serve.py", FIRST_VISIT_AFTER_S),
        "visit_no_warmup": ("app.py", FIRST_VISIT_AFTER_S),
        "floor_visit": (str(FLOOR_APP), FIRST_VISIT_AFTER_S),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(repeats):  # interleaved, so a slow minute on the VM hits every variant alike
                for name, (main, idle_s) in runs.items():
                    cwd = FLOOR_CWD if main == str(FLOOR_APP) else REPO
                    times[name].append(cold_start(main, browser, idle_s, cwd))
            browser.close()
    finally:
        NAIVE_MAIN.unlink(missing_ok=True)
    return {name: statistics.median(values) for name, values in times.items()}
