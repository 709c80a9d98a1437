"""The benchmark suite: one command, one table, every figure against a naive baseline measured in the same run.

    python bench/run.py                 # everything (about 35 minutes on the 2-core reference machine)
    python bench/run.py --quick         # smoke run: fewer repeats, 1M rows, 5 sessions for 10 s
    python bench/run.py --only warm,bytes,cold,scale,load,server,felt

Sections (budgets from issue 5, 2-core machine):
- warm:  server-side script time of a rerun after a filter change (sector po <-> vo), median of >= 20 per page;
         real app vs naive (bench/naive.py); budget <= 150 ms and >= 10x faster than naive;
- bytes: figure JSON sent to the browser per page, and for the arbeidsmarktregio map (<= 500 KB) and a
         gemeente map (<= 1.5 MB), real vs naive (unsimplified geometry);
- cold:  process start -> first page fully drawn in Chromium (script finished, every chart drawn, map loaded);
         budget <= 1.4x Streamlit's floor here (a title and one small plotly chart) in the same run; the app as
         users start it (serve.py, with warm-up), without warm-up (app.py), the naive app; and the first visit
         some seconds after the server start, budget <= 1.15x the floor's first visit; median of 7 interleaved
         runs (the floor runs outside the repository: bare Streamlit, default config);
- felt:  every click (page link, sector, each page's main filter) to fully drawn in Chromium, as a ratio to a
         bare multipage Streamlit app (bench/felt.py); budget <= 2x, goal 1.5x;
- scale: 10M-row school-level table (bench/school_data.py) -> fte per arbeidsmarktregio and onderwijsregio by
         sector, vak and year; four engines, median time and peak memory (fresh process each); budget
         <= 300 ms and <= 1.5 GB;
- load:  20 concurrent browser sessions (Playwright contexts on 127.0.0.1) changing filters and pages for 60 s:
         errors (must be 0) and p95 rerun latency as the browser sees it, and how the CPU was shared;
- server: the same 20 users without browsers, speaking Streamlit's websocket protocol: the server's own p95;
- scaleout: the deployment (deploy/start.sh): one replica direct, through nginx, two replicas through nginx, and
         felt speed in Chromium while 20 protocol visitors browse (bench/scaleout.py); not in the default run.

Results are printed and written to bench/output/results.md. Synthetic data only, generated here.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import memo_vs_streamlit  # noqa: E402
from dashboard.data.sectors import SECTOR_LABELS  # noqa: E402
from dashboard.format import fmt_number as fmt  # noqa: E402
from dashboard.registry import PAGES as REGISTRY  # noqa: E402

OUTPUT = REPO / "bench" / "output"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--enable-unsafe-swiftshader",
    "--use-angle=swiftshader",
]
PAGES = [p.name for p in REGISTRY]  # the one page registry (dashboard/registry.py)
URL_PATHS = {p.name: p.url_path for p in REGISTRY}
SCRIPTS = {p.name: p.script for p in REGISTRY}
CODES = {label: code for code, label in SECTOR_LABELS.items()}
NAIVE_MAIN = REPO / ".bench_naive_app.py"  # next to app.py, so page paths resolve; removed after the run


# --- in-process measurements (run in a child process per mode) ------------------------------------------


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
        [sys.executable, str(Path(__file__)), "--_pages", mode, "--repeats", str(repeats)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- servers and browsers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    main: str = "serve.py", launcher: tuple[str, ...] = (), cwd: Path = REPO, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    """`launcher` replaces `python -m streamlit` (bench/soak.py starts Streamlit after a patch); `env` is added."""
    port = free_port()
    env = {**os.environ, "LERARENTEKORT_EIGEN_DIR": tempfile.mkdtemp(prefix="bench-eigen-"), **(env or {})}
    proc = subprocess.Popen(
        [
            *(launcher or (sys.executable, "-m", "streamlit")),
            "run",
            main,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],  # an edit during a run must not reload modules in the measured app
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        time.sleep(0.02)
    raise RuntimeError("server did not start")


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


# --- load: concurrent sessions ----------------------------------------------------------------------------

# A rerun started by a click is done when the app is idle again and the URL carries the new sector (the page
# writes its filters to the URL at the end of the script; the default sector po is left out of the URL).
DONE = """(sector) => (sector === 'po' ? !location.search.includes('sector=')
                                       : location.search.includes('sector=' + sector))
    && document.querySelector("[data-testid='stApp']").getAttribute('data-test-script-state') === 'notRunning'"""


LOAD_PAGES = ["overzicht", "onderwijsregios", "opleiden", "bevoegdheden", "behoud"]


async def session(url: str, seed: int, browser, go: asyncio.Event, ready: list, state: dict) -> None:
    """One user: opens a page (before the clock starts), then changes the sector and now and then moves to
    another page through the sidebar, until the shared deadline."""
    rng = random.Random(seed)
    errors, latencies, navigations = state["errors"], state["latencies"], state["navigations"]
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))

    async def guard(route):
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            await route.continue_()
        else:
            errors.append(f"outside request: {route.request.url}")
            await route.abort()

    async def settled(timeout: float = 120_000) -> None:
        await page.wait_for_selector(".st-key-sector label[data-testid='stRadioOption']", timeout=timeout)
        await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)

    await page.route("**/*", guard)
    target = LOAD_PAGES[seed % len(LOAD_PAGES)]
    try:
        await page.goto(f"{url}/{URL_PATHS[target]}", timeout=300_000)
        await settled(300_000)
    except Exception as err:  # noqa: BLE001
        errors.append(f"page {target} did not open: {type(err).__name__}")
    ready.append(seed)
    await go.wait()
    changes = 0
    try:
        while time.time() < state["deadline"]:
            if changes and changes % 4 == 0:  # move on to another page, as a user would
                target = rng.choice([p for p in LOAD_PAGES if p != target])
                start = time.perf_counter()
                try:
                    await page.locator(f"[data-testid='stSidebarNav'] a[href$='/{URL_PATHS[target]}']").click()
                    await page.wait_for_function(
                        "(path) => location.pathname.endsWith('/' + path)", arg=URL_PATHS[target], timeout=120_000
                    )
                    await settled()
                    navigations.append((time.perf_counter() - start) * 1000)
                except Exception as err:  # noqa: BLE001
                    errors.append(f"navigation to {target} did not finish: {type(err).__name__}")
            options = page.locator(".st-key-sector label[data-testid='stRadioOption']:not([data-selected='true'])")
            count = await options.count()
            if not count:
                errors.append(f"no sector options on {target}")
                break
            option = options.nth(rng.randrange(count))
            sector = CODES[(await option.inner_text()).strip()]
            start = time.perf_counter()
            try:
                await option.click(timeout=60_000)
                await page.wait_for_function(DONE, arg=sector, timeout=120_000, polling=20)
                latencies.append((time.perf_counter() - start) * 1000)
            except Exception as err:  # noqa: BLE001 (a rerun that never finishes is the error we count)
                seen = await page.evaluate(
                    "() => [location.search, document.querySelector(\"[data-testid='stApp']\")"
                    ".getAttribute('data-test-script-state')]"
                )
                errors.append(
                    f"rerun on {target} ({sector}) did not finish: {type(err).__name__}; url {seen[0]!r}, "
                    f"script {seen[1]}"
                )
            changes += 1
            if await page.locator("[data-testid='stException']").count():
                errors.append(f"exception shown on {target}")
    finally:
        await context.close()


def cpu_seconds(match) -> float:
    """CPU time (user + system) used so far by every process whose command line matches."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if match(int(proc.name), cmdline):
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time spent on all cores since boot, idle and iowait excluded (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


async def run_load(sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    proc, url = start_server()
    state: dict = {"errors": [], "latencies": [], "navigations": [], "deadline": 0.0}
    try:
        wait_healthy(url)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            go, ready = asyncio.Event(), []
            tasks = [asyncio.create_task(session(url, i, browser, go, ready, state)) for i in range(sessions)]
            while len(ready) < sessions:  # every session open before the clock starts
                await asyncio.sleep(0.2)
            server_cpu = lambda: cpu_seconds(lambda pid, cmd: pid == proc.pid)  # noqa: E731
            browser_cpu = machine_busy_seconds  # everything else on the machine: the 20 browsers, mostly
            before = (server_cpu(), browser_cpu(), time.perf_counter())
            state["deadline"] = time.time() + seconds
            go.set()
            await asyncio.gather(*tasks)
            wall = time.perf_counter() - before[2]
            server_s = server_cpu() - before[0]
            state["cpu"] = {"server_s": server_s, "browsers_s": browser_cpu() - before[1] - server_s, "wall_s": wall}
            await browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return load_summary(sessions, seconds, state, state.get("cpu", {}))


def load_summary(sessions: int, seconds: float, state: dict, cpu: dict) -> dict:
    lat, nav = state["latencies"], state["navigations"]
    return {
        "sessions": sessions,
        "seconds": seconds,
        "reruns": len(lat),
        "errors": state["errors"],
        "p50_ms": percentile(lat, 0.5),
        "p95_ms": percentile(lat, 0.95),
        "page_loads": len(nav),
        "load_p50_ms": percentile(nav, 0.5),
        "load_p95_ms": percentile(nav, 0.95),
        "cpu": cpu,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))] if ordered else float("nan")


# --- load on the server alone: Streamlit's own websocket protocol, no browser ---------------------------


async def protocol_rerun(ws, page: str, session: dict, errors: list[str]) -> float:
    """One rerun as a browser sends it (the page, the URL's query string, the sector radio's value), timed from
    sending to the server's 'script finished'. `session` ({query, radio, sector}) is updated from the replies."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    msg = BackMsg()
    msg.rerun_script.query_string = session["query"]
    msg.rerun_script.page_name = URL_PATHS[page]
    if session.get("radio") is not None and session.get("sector") is not None:
        radio = WidgetState(id=session["radio"].id, string_value=session["sector"])
        msg.rerun_script.widget_states.widgets.append(radio)
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=300))
        kind = fwd.WhichOneof("type")
        if kind == "page_info_changed":
            session["query"] = fwd.page_info_changed.query_string
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            if element.WhichOneof("type") == "radio" and element.radio.id.endswith("-sector"):
                session["radio"] = element.radio
            elif element.WhichOneof("type") == "exception":
                errors.append(f"exception on {page}: {element.exception.message[:80]}")
        elif kind == "script_finished":
            if fwd.script_finished not in (0, 2):
                errors.append(f"script on {page} ended with status {fwd.script_finished}")
            return (time.perf_counter() - start) * 1000


async def protocol_session(ws_url: str, seed: int, go: asyncio.Event, ready: list, state: dict) -> None:
    """A user as the server sees it: the same messages a browser sends, one rerun after another."""
    import websockets

    rng = random.Random(seed)
    page = LOAD_PAGES[seed % len(LOAD_PAGES)]
    session = {"query": "", "radio": None, "sector": None}

    async def rerun(ws) -> float:
        return await protocol_rerun(ws, page, session, state["errors"])

    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
            await rerun(ws)
            ready.append(seed)
            await go.wait()
            changes = 0
            while time.time() < state["deadline"]:
                if changes and changes % 4 == 0:
                    page = rng.choice([p for p in LOAD_PAGES if p != page])
                    state["navigations"].append(await rerun(ws))
                else:
                    options = [o for o in session["radio"].options if o != session["sector"]]
                    session["sector"] = rng.choice(options)
                    state["latencies"].append(await rerun(ws))
                changes += 1
    except Exception as err:  # noqa: BLE001 (a broken connection or a rerun that never ends is the error)
        state["errors"].append(f"session {seed}: {type(err).__name__}: {err}"[:160])
        if seed not in ready:
            ready.append(seed)


async def run_server_load(sessions: int, seconds: float) -> dict:
    proc, url = start_server()
    state: dict = {"errors": [], "latencies": [], "navigations": [], "deadline": 0.0}
    try:
        wait_healthy(url)
        go, ready = asyncio.Event(), []
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        tasks = [asyncio.create_task(protocol_session(ws_url, i, go, ready, state)) for i in range(sessions)]
        while len(ready) < sessions:
            await asyncio.sleep(0.05)
        before = (cpu_seconds(lambda pid, cmd: pid == proc.pid), time.perf_counter())
        state["deadline"] = time.time() + seconds
        go.set()
        await asyncio.gather(*tasks)
        cpu = {
            "server_s": cpu_seconds(lambda pid, cmd: pid == proc.pid) - before[0],
            "wall_s": time.perf_counter() - before[1],
        }
    finally:
        proc.terminate()
        proc.wait(10)
    return load_summary(sessions, seconds, state, cpu)


# --- scale ------------------------------------------------------------------------------------------------


def measure_scale(rows: int, repeats: int) -> dict:
    import pandas as pd

    from bench import school_data

    path = OUTPUT / f"school_data_{rows}.parquet"
    if not path.exists():
        school_data.generate(rows, path)
    school_data.gemeente_table()
    school_data.definition_table()
    results = {}
    reference = None
    for name, engine in school_data.ENGINES.items():
        n = 1 if name.startswith("naive") else repeats
        times = []
        for _ in range(n):
            start = time.perf_counter()
            out = engine(path)
            times.append(time.perf_counter() - start)
        if reference is None:
            reference = out
        else:  # every engine must give the same numbers
            for ref, got in zip(reference, out):
                pd.testing.assert_frame_equal(
                    ref.astype({"year": int}), got.astype({"year": int}), check_dtype=False, rtol=1e-3
                )
        _, peak = school_data.peak_memory_child(name, path)
        results[name] = {"ms": statistics.median(times) * 1000, "peak_mb": peak, "runs": n}
    import pyarrow.parquet as pq

    return {"rows": pq.ParquetFile(path).metadata.num_rows, "engines": results}


def measure_scaleout_part(quick: bool) -> dict:
    from bench.scaleout import measure_felt_under_load, measure_scaleout

    return {"scaleout": measure_scaleout(quick), "felt_under_load": measure_felt_under_load(2 if quick else 3)}


def measure_felt_part(repeats: int) -> dict:
    from bench.felt import measure_felt

    return measure_felt(repeats)


# --- report -----------------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "ja" if ok else "**NEE**"


def report(results: dict) -> str:
    lines = ["| meting | dashboard | naïef | verhouding | budget | binnen budget |", "|---|---:|---:|---:|---|---|"]
    if "warm" in results:
        real, naive = results["warm"]["real"], results["warm"]["naive"]
        for page in PAGES:
            r, n = real["warm_ms"][page], naive["warm_ms"][page]
            ok = r <= 150 and n / r >= 10
            lines.append(
                f"| warme rerun {page} (mediaan) | {fmt(r)} ms | {fmt(n)} ms | {fmt(n / r, 1)}x | "
                f"<= 150 ms, >= 10x | {verdict(ok)} |"
            )
        for name, value in real["bytes"].items():
            budget = {"kaart arbeidsmarktregio's": 500_000, "kaart gemeenten (alle 342)": 1_500_000}.get(name)
            n = naive["bytes"][name]
            ratio = f"{fmt(n / value, 1)}x" if value else "-"
            lines.append(
                f"| figuur-JSON {name} | {fmt(value / 1000)} KB | {fmt(n / 1000)} KB | {ratio} | "
                f"{'<= ' + fmt(budget / 1000) + ' KB' if budget else '-'} | "
                f"{verdict(value <= budget) if budget else '-'} |"
            )
    if "memo" in results:
        m = results["memo"]
        lines.append(
            f"| cache-opzoeking per aanroep: dashboard/memo.py tegen st.cache_resource(hash_funcs=...) | "
            f"{fmt(m['memo_us'], 1)} µs | {fmt(m['cache_resource_us'], 1)} µs | "
            f"{fmt(m['cache_resource_us'] / m['memo_us'], 1)}x | sneller houden | "
            f"{verdict(m['memo_us'] <= m['cache_resource_us'])} |"
        )
    if "cold" in results:
        c = results["cold"]
        if "floor" in c:  # the budget is a ratio to Streamlit's floor in the same run (the machine is shared)
            budget, ok = (
                f"<= {fmt(COLD_BUDGET, 1)}x ondergrens ({fmt(c['real'] / c['floor'], 2)}x)",
                c["real"] / c["floor"] <= COLD_BUDGET,
            )
        else:
            budget, ok = "<= 3 s", c["real"] <= 3
        lines.append(
            f"| koude start tot getekende eerste pagina | {fmt(c['real'], 2)} s | {fmt(c['naive'], 2)} s | "
            f"{fmt(c['naive'] / c['real'], 1)}x | {budget} | {verdict(ok)} |"
        )
        if "floor" in c:  # results of older runs lack these
            lines.append(
                f"| idem zonder opwarmen bij de serverstart (app.py) | {fmt(c['no_warmup'], 2)} s | - | - | - | - |"
            )
            lines.append(
                f"| idem ondergrens: Streamlit-app met alleen een titel en één plotly-grafiek | "
                f"{fmt(c['floor'], 2)} s | - | - | - | - |"
            )
            visit = (
                (
                    f"<= {fmt(VISIT_BUDGET, 2)}x ondergrens ({fmt(c['visit'] / c['floor_visit'], 2)}x) | "
                    f"{verdict(c['visit'] / c['floor_visit'] <= VISIT_BUDGET)}"
                )
                if "floor_visit" in c
                else "- | -"
            )
            lines.append(
                f"| eerste bezoek {FIRST_VISIT_AFTER_S} s na de serverstart, tot getekende pagina | "
                f"{fmt(c['visit'], 2)} s | {fmt(c['visit_no_warmup'], 2)} s zonder opwarmen | "
                f"{fmt(c['visit_no_warmup'] / c['visit'], 1)}x | {visit} |"
            )
            if "floor_visit" in c:
                lines.append(
                    f"| idem ondergrens: eerste bezoek {FIRST_VISIT_AFTER_S} s na de start | "
                    f"{fmt(c['floor_visit'], 2)} s | - | - | - | - |"
                )
    if "scale" in results:
        s = results["scale"]
        engines = s["engines"]
        naive_ms = next(v["ms"] for k, v in engines.items() if k.startswith("naive"))
        for name, v in engines.items():
            ok = v["ms"] <= 300 and v["peak_mb"] <= 1500
            lines.append(
                f"| {fmt(s['rows'])} rijen -> AM + onderwijsregio: {name} | {fmt(v['ms'])} ms, "
                f"piek {fmt(v['peak_mb'])} MB | {fmt(naive_ms)} ms | {fmt(naive_ms / v['ms'], 1)}x | "
                f"<= 300 ms, <= 1.500 MB | {verdict(ok)} |"
            )
    if "load" in results:
        ld = results["load"]
        cpu = ld.get("cpu") or {}
        lines += load_lines(
            ld,
            "",
            "in de browser",
            cpu
            and (
                f"CPU-tijd server / de rest (browsers) (van {fmt(2 * cpu['wall_s'])} s op 2 cores)",
                f"{fmt(cpu['server_s'])} s / {fmt(cpu['browsers_s'])} s",
            ),
        )
    if "server" in results:
        sv = results["server"]
        cpu = sv["cpu"]
        lines += load_lines(
            sv,
            " zonder browser (websocket-protocol)",
            "op de server",
            (f"CPU-tijd server (van {fmt(2 * cpu['wall_s'])} s op 2 cores)", f"{fmt(cpu['server_s'])} s"),
        )
    table = "\n".join(lines)
    if "felt" in results:
        from bench.felt import felt_table

        table += "\n\n" + felt_table(results["felt"])
    if "scaleout" in results:
        from bench.scaleout import felt_under_load_table, scaleout_table

        table += "\n\n" + scaleout_table(results["scaleout"]["scaleout"])
        table += "\n\n" + felt_under_load_table(results["scaleout"]["felt_under_load"])
    return table


def load_lines(ld: dict, kind: str, where: str, cpu: tuple[str, str] | None) -> list[str]:
    """The table rows of one load test: errors against the budget, rerun and page-change latency, CPU use."""
    rows = [
        f"| {ld['sessions']} gelijktijdige sessies{kind}, {fmt(ld['seconds'])} s: fouten | {len(ld['errors'])} | "
        f"- | - | 0 | {verdict(not ld['errors'])} |",
        f"| idem: rerun na filterwissel, p50 / p95 {where} ({ld['reruns']} reruns) | "
        f"{fmt(ld['p50_ms'])} / {fmt(ld['p95_ms'])} ms | - | - | - | - |",
        f"| idem: naar een andere pagina, p50 / p95 ({ld['page_loads']} keer) | "
        f"{fmt(ld['load_p50_ms'])} / {fmt(ld['load_p95_ms'])} ms | - | - | - | - |",
    ]
    if cpu:
        rows.append(f"| idem: {cpu[0]} | {cpu[1]} | - | - | - | - |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="warm,memo,cold,scale,load,server,felt")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--sessions", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--_pages", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--from-json", action="store_true", help="only print the table of bench/output/results.json")
    args = parser.parse_args()
    if args._pages:
        print(json.dumps(measure_pages(args._pages, args.repeats or 20)))
        return
    if args.from_json:
        print(report(json.loads((OUTPUT / "results.json").read_text())))
        return
    quick = args.quick
    repeats = args.repeats or (6 if quick else 20)
    only = set(args.only.replace("bytes", "warm").split(","))
    results: dict = {}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    sections = {
        "warm": (
            "warme reruns en figuurgrootte",
            lambda: {"real": in_child("real", repeats), "naive": in_child("naive", repeats)},
        ),
        "memo": ("cache-opzoeking: eigen memo tegen st.cache_resource", lambda: memo_vs_streamlit.measure()),
        "cold": ("koude start", lambda: measure_cold(1 if quick else 7)),  # 7: one run varies ±20%
        "scale": (
            "schaal",
            lambda: measure_scale(args.rows or (1_000_000 if quick else 10_000_000), 3 if quick else 7),
        ),
        "load": (
            "belasting",
            lambda: asyncio.run(run_load(args.sessions or (5 if quick else 20), args.seconds or (10 if quick else 60))),
        ),
        "server": (
            "belasting zonder browser",
            lambda: asyncio.run(
                run_server_load(args.sessions or (5 if quick else 20), args.seconds or (10 if quick else 60))
            ),
        ),
        "felt": ("gevoelde snelheid (klik tot getekend)", lambda: measure_felt_part(3 if quick else 10)),
        "scaleout": (
            "schaal-uit: 1 replica direct, via nginx, 2 replica's via nginx",
            lambda: measure_scaleout_part(quick),
        ),
    }
    for name, (label, measure) in sections.items():
        if name in only:
            print(f"{label} ...", file=sys.stderr)
            results[name] = measure()
            # after every section, so a later failure keeps what was measured
            (OUTPUT / "results.json").write_text(json.dumps(results, indent=1, default=str))
    table = report(results)
    print(table)
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    (OUTPUT / "results.md").write_text(f"{time.strftime('%Y-%m-%d %H:%M')} · {machine}\n\n{table}\n")


if __name__ == "__main__":
    main()
