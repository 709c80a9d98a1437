"""Real-browser tier: a fresh Streamlit server per session, Debian's chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.common import CHROMIUM, CHROMIUM_ARGS, free_port, streamlit_command, wait_healthy
from dashboard.sections import small_map
from dashboard.sections import tabel as tabel_section
from tests.browser import shared_browser

# A page's tabs open by a link parameter: "onderdeel" for a page's parts; a section's own tabs have their own key
# (the overview's ranking or map, Tabel maken's table or chart).
SECTION_TABS = {"": small_map.WEERGAVE, "tabel": tabel_section.WEERGAVE}


def tab_key(path: str) -> str:
    return SECTION_TABS[path].key if path in SECTION_TABS else "onderdeel"


def with_every_figure(path: str) -> str:
    """The link parameter that opens the tab with the second figure of a page that draws one figure on opening."""
    return f"&{SECTION_TABS[path].key}={SECTION_TABS[path].choices[-1]}" if path in SECTION_TABS else ""


REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output"


def start_server(eigen_dir: Path | None = None, log=subprocess.DEVNULL) -> tuple[subprocess.Popen, str]:
    """serve.py on a free port; `log`: where its output goes (an open file to read the server log)."""
    port = free_port()
    # Uploads and imports in browser tests go to a scratch folder, never to the developer's data/eigen/.
    env = {**os.environ, "LERARENTEKORT_EIGEN_DIR": str(eigen_dir or tempfile.mkdtemp(prefix="eigen-"))}
    proc = subprocess.Popen(  # serve.py: what users run, app.py plus the warm-up
        streamlit_command("serve.py", port), cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
    except RuntimeError:
        proc.kill()
        raise
    return proc, url


@contextlib.contextmanager
def running_server(eigen_dir: Path | None = None) -> Iterator[str]:
    proc, url = start_server(eigen_dir)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def fresh_server() -> Iterator[str]:
    """A server that has served nothing yet (for first-request deep links)."""
    with running_server() as url:
        yield url


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Browser:
    """The run's one Chromium (tests/browser.py: the deployment tier uses it too)."""
    return shared_browser(CHROMIUM, CHROMIUM_ARGS)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page that blocks and records every request that does not go to 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True, locale="nl-NL")
    pg = context.new_page()
    pg.outside_requests = []  # type: ignore[attr-defined]

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            pg.outside_requests.append(url)  # type: ignore[attr-defined]
            route.abort()

    pg.route("**/*", guard)
    yield pg
    context.close()


# The app has settled: connected, its script has run and is not running, nothing on the page is stale (left from
# a run in flight), and it has stayed so for SETTLE_MS (a rerun that the URL sync asks for starts within that).
SETTLED = """settleMs => {
    const app = document.querySelector("[data-testid='stApp']");
    const idle = app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
        && !document.querySelector("[data-stale='true']");
    if (!idle) { window.__settledFrom = undefined; return false; }
    window.__settledFrom ??= performance.now();
    return performance.now() - window.__settledFrom >= settleMs;
}"""
SETTLE_MS = 300

# Every chart on the page has drawn: plotly has laid it out and its SVG is there; a map also has its areas
# (SVG paths) or its MapLibre canvas, since a colour bar alone is drawn first.
DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(chart => {
    const gd = chart.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd.querySelector('.main-svg')) return false;
    const map = gd.querySelector('.geo') || gd.querySelector('.maplibregl-map');
    return !map || gd.querySelectorAll('path.choroplethlocation').length > 0
        || !!gd.querySelector('.maplibregl-canvas');
})"""


STATE = """() => { const app = document.querySelector("[data-testid='stApp']");
    return {script: app?.dataset.testScriptState, connection: app?.dataset.testConnectionState,
            stale: document.querySelectorAll("[data-stale='true']").length}; }"""


def wait_for_app(pg: Page, timeout: int = 90_000) -> None:
    """Wait until the app has settled (SETTLED): never a fixed sleep, so it holds on a busy machine. On a timeout
    the failure says what the app's state was."""
    pg.evaluate("window.__settledFrom = undefined")
    try:
        pg.wait_for_function(SETTLED, arg=SETTLE_MS, timeout=timeout, polling=50)
    except PlaywrightTimeout:
        raise AssertionError(f"app not settled within {timeout / 1000:.0f} s: {pg.evaluate(STATE)}") from None


def wait_for_drawn(pg: Page, timeout: int = 60_000) -> None:
    """Wait until the app has settled and every chart and map on the page has drawn."""
    wait_for_app(pg, timeout)
    pg.wait_for_function(DRAWN, timeout=timeout, polling=100)


def screenshot(pg: Page, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path
