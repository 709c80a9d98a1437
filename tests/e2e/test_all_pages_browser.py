"""Every page in a real browser: no exception, no blank chart, no request off the machine, no serious or
critical accessibility violation (axe-core), and a screenshot per page in test-output/."""

from __future__ import annotations

import csv
import json
import time
import urllib.error
import urllib.request
import zipfile

import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, screenshot, wait_for_app, wait_for_drawn
from playwright.sync_api import expect
from test_onderwijsregios_browser import wait_for_colour

from dashboard.data.model.contract import public_dates
from dashboard.registry import PAGES as REGISTRY

PAGES = [p.url_path for p in REGISTRY]  # Overzicht ("") is the default page: its link is the root URL
CHART = "[data-testid='stPlotlyChart']"
WIDENED = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
    const asked = gd.layout.margin || {}, drawn = gd._fullLayout._size;
    const box = gd.closest("[class*='st-key-']");
    const key = box ? [...box.classList].find(c => c.startsWith('st-key-')).slice(7) : '?';
    return ['l', 'r'].filter(side => drawn[side] > (asked[side] ?? 80) + 0.5)
        .map(side => `${key} ${side}: ${asked[side]} -> ${Math.round(drawn[side])} px`);
})"""


@pytest.mark.parametrize("path", PAGES)
def test_page_in_browser(server, page, path):
    page.set_viewport_size({"width": 1400, "height": 3200})
    page.goto(f"{server}/{path}?sector=vo")
    wait_for_drawn(page)  # charts draw after the script ends; wait_for_colour then polls each for colour

    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("radio", name="Voortgezet onderwijs (vo)")).to_be_checked()

    charts = page.locator(CHART)
    for i in range(charts.count()):
        assert wait_for_colour(charts.nth(i), minimum=300, timeout_s=15) >= 300, f"chart {i} on {path} is blank"
    # A map's colour bar alone has colour: a map has drawn when its regions are there (SVG paths or a MapLibre canvas).
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')].every(gd =>
                 !(gd.querySelector('.geo') || gd.querySelector('.maplibregl-map'))
                 || gd.querySelectorAll('path.choroplethlocation').length > 0
                 || gd.querySelector('.maplibregl-canvas'))""",
        timeout=30_000,
    )

    # Every chart drew once: no value axis, category names or colour bar needed more room at the left or right than
    # its layout gives (charts/basic.py value_room and category_room, maps.COLORBAR_ROOM). If one does, plotly
    # widens the margin and draws the whole chart again (bench/README.md, "Twee keer tekenen").
    widened = page.evaluate(WIDENED)
    assert widened == [], f"{path}: plotly had to widen these margins (and draw twice): {widened}"

    # app.py darkens Streamlit's captions with a <style> element (st.html). Right after a page loads, axe has
    # (rarely) seen a caption still in Streamlit's own grey (#828180): wait until the style applies to every
    # caption; if it never does, this fails, as it should.
    page.wait_for_function(
        """() => [...document.querySelectorAll("[data-testid='stCaptionContainer']")]
                    .every(c => getComputedStyle(c).color === 'rgb(85, 85, 85)')""",
        timeout=10_000,
    )
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], [
        (v["id"], v["nodes"][0]["html"][:120], [c["message"][:200] for c in v["nodes"][0]["any"]]) for v in violations
    ]

    screenshot(page, path or "overzicht")
    assert page.outside_requests == []


def test_navigation_keeps_shared_filter(server, page):
    page.goto(f"{server}/?sector=vo")
    wait_for_app(page)
    page.get_by_role("link", name="Bevoegdheden").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Bevoegdheden").wait_for()
    assert "sector=vo" in page.url
    expect(page.get_by_role("radio", name="Voortgezet onderwijs (vo)")).to_be_checked(timeout=20_000)


def warmup_status(server: str) -> dict:
    """GET /warmup: 503 until the replica is ready, 200 then; the same JSON either way."""
    try:
        return json.load(urllib.request.urlopen(f"{server}/warmup", timeout=5))
    except urllib.error.HTTPError as err:
        assert err.code == 503
        return json.load(err)


def test_server_warms_every_page_at_start(server):
    """serve.py runs every page once at server start (dashboard/warmup.py), without errors."""
    deadline = time.time() + 120
    while not (status := warmup_status(server))["done"]:
        assert time.time() < deadline, status
        time.sleep(0.5)
    assert status["errors"] == []
    assert set(status["pages"]) == {p.name for p in REGISTRY}
    assert status["ready"] is True and status["controle"]["ok"] is True  # the data on disk is whole


def test_whole_dataset_download_arrives(server, page):
    """The dataset files are links made when fetched (dashboard/links.py), and hold every figure."""
    page.goto(f"{server}/data")
    wait_for_app(page)
    with page.expect_download() as info:
        page.locator(".st-key-dl_all_csv a").click()
    rows = list(csv.DictReader(open(info.value.path(), encoding="utf-8-sig"), delimiter=";"))
    assert len(rows) == len(pd.read_parquet(REPO / "data" / "indicators.parquet"))
    assert info.value.suggested_filename == "lerarentekort_cijfers.csv"
    with page.expect_download() as info:
        page.locator(".st-key-dl_all_parquet a").click()
    built = pd.read_parquet(REPO / "data" / "indicators.parquet")
    handed_out = pd.read_parquet(info.value.path())  # one form per date column (contract.public_dates)
    assert len(handed_out) == len(built)
    assert list(handed_out.columns) == list(public_dates(built).columns)
    with page.expect_download() as info:
        page.locator(".st-key-dl_package_zip a").click()
    archive = zipfile.ZipFile(info.value.path())
    assert "datapackage.json" in archive.namelist() and "data/indicatoren.csv" in archive.namelist()
