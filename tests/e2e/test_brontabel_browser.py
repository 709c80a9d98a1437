"""A brontabel imported on the command line while the server runs: the new Meting is on the map, without a restart.

The brontabel is generated here (made-up values); it goes to a scratch data/eigen/ that only this server reads.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, running_server, screenshot, wait_for_app
from playwright.sync_api import expect

from tests.brontabel_files import OPTIONS, made_up_values, write_brontabel

MAP = ".st-key-kaart"
DRAWN_MAP = f"{MAP} .maplibregl-canvas, {MAP} path.choroplethlocation"  # either map type (dashboard.charts.maps)
MAP_VALUES = """() => {
    const gd = document.querySelector('.st-key-kaart .js-plotly-plot');
    const out = {};
    for (const trace of gd._fullData) {
        const codes = Array.from(trace.locations || []), values = Array.from(trace.z || []);
        codes.forEach((code, i) => { out[code] = values[i]; });
    }
    return out;
}"""


def open_map(page, url: str, key: str = "kaart") -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_selector(DRAWN_MAP.replace(".st-key-kaart", f".st-key-{key}"), timeout=30_000)


def test_imported_brontabel_is_the_new_meting_on_the_map(page, tmp_path):
    eigen = tmp_path / "eigen"
    values = made_up_values()
    path = write_brontabel(tmp_path / "tekorten-vo.csv", values)
    with running_server(eigen) as server:
        open_map(page, f"{server}/regionale-tekorten?sector=vo")
        expect(page.get_by_text("Lerarentekort vo per arbeidsmarktregio, okt 2023")).to_be_visible()
        expect(page.get_by_role("combobox", name="Meting")).to_have_count(0)  # one measurement: no choice yet
        open_map(page, f"{server}/regionale-tekorten?sector=vo&regio=AM09")
        expect(page.get_by_role("heading", name="Achterhoek").first).to_be_visible()
        expect(page.get_by_text("Ontwikkeling in Achterhoek (vo)")).to_have_count(0)  # one measurement: none

        env = os.environ | {"LERARENTEKORT_EIGEN_DIR": str(eigen)}
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", "ingest", str(path), *OPTIONS],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr

        open_map(page, f"{server}/regionale-tekorten?sector=vo")  # the same server: no restart
        expect(page.get_by_text("Lerarentekort vo per arbeidsmarktregio, okt 2025")).to_be_visible()
        choice = page.get_by_role("combobox", name="Meting")
        expect(choice).to_have_value("okt 2025")  # the newest first
        choice.click()
        expect(page.get_by_role("option", name="okt 2023")).to_be_visible()  # and the one before
        page.keyboard.press("Escape")
        on_map = page.evaluate(MAP_VALUES)
        assert on_map["AM09"] == values["Achterhoek"] and on_map["GM0518"] == values["'s-Gravenhage"]
        assert len(on_map) == 40
        screenshot(page, "brontabel_nieuwe_meting")

        open_map(page, f"{server}/regionale-tekorten?sector=vo&peildatum=2023-10-01")  # the previous one still there
        expect(page.get_by_text("Lerarentekort vo per arbeidsmarktregio, okt 2023")).to_be_visible()

        open_map(page, f"{server}/regionale-tekorten?sector=vo&weergave=verschil")
        expect(
            page.get_by_text("Verschil in het tekort vo per arbeidsmarktregio: okt 2025 t.o.v. okt 2023")
        ).to_be_visible()
        expect(page.locator("[data-testid='stException']")).to_have_count(0)

        open_map(page, f"{server}/regionale-tekorten?sector=vo&regio=AM09")  # the profile's development
        expect(page.get_by_text("Ontwikkeling in Achterhoek (vo)")).to_be_visible()
        open_map(page, f"{server}/onderwijsregios?sector=vo", key="oregio_kaart")
        expect(page.get_by_role("combobox", name="Meting")).to_have_value("okt 2025")
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert page.outside_requests == []
