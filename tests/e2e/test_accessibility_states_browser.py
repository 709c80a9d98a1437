"""axe-core on every state, not only the first view: each tab of each page (opened by its shared link), with every
expander open, and the opened profiles, comparison and own region. Serious and critical: none. Moderate: none
either, unless explained in MODERATE_EXPLAINED (the toegankelijkheidsverklaring names the same)."""

from __future__ import annotations

from urllib.parse import quote_plus

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import tab_key, wait_for_app, wait_for_drawn
from playwright.sync_api import Page, expect

from dashboard.registry import PAGES

# Known moderate findings that come from Streamlit itself and cannot be changed through its public API.
MODERATE_EXPLAINED: dict[str, str] = {}
STATES = [f"{p.url_path}?sector=vo" for p in PAGES] + [
    "regionale-tekorten?sector=vo&regio=AM09&vergelijk=AM09,AM20",
    "regionale-tekorten?sector=po&weergave=verschil",
    "onderwijsregios?sector=vo&oregio=OR-haaglanden&overgelijk=OR-haaglanden,OR-zwolle-en-omgeving",
    "onderwijsregios?sector=vo&eigen=GM0362,GM0437&eigen_naam=Amstel",
    "onderwijsregios?sector=po&weergave=verschil",
    "bevoegdheden?sector=vo&vakken=Wiskunde,Duits",
]


def open_every_expander(page: Page) -> int:
    """Open each closed expander (each open one reruns the page and draws its table); how many there were."""
    opened = 0
    for _ in range(20):
        closed = page.locator("[data-testid='stExpander'] details:not([open]) > summary")
        if closed.count() == 0:
            break
        closed.first.click()
        wait_for_app(page)
        opened += 1
    return opened


def violations(page: Page) -> list[dict]:
    wait_for_drawn(page)  # axe reads what is drawn: every chart and table first
    return Axe().run(page).response["violations"]


def summary(found: list[dict]) -> list[tuple]:
    return [(v["impact"], v["id"], v["nodes"][0]["html"][:140], len(v["nodes"])) for v in found]


@pytest.mark.parametrize("state", STATES)
def test_axe_on_every_tab_and_open_expander(server, page, state):
    page.set_viewport_size({"width": 1400, "height": 1600})
    page.goto(f"{server}/{state}")
    wait_for_app(page)
    tabs = page.get_by_role("tab").all_inner_texts()
    checked = []
    for tab in tabs or [None]:
        if tab is not None:
            page.goto(f"{server}/{state}&{tab_key(state.split('?', 1)[0])}={quote_plus(tab)}")
            wait_for_app(page)
            assert page.get_by_role("tab", name=tab, exact=True).get_attribute("aria-selected") == "true"
        opened = open_every_expander(page)
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        found = violations(page)
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        assert bad == [], (state, tab, summary(bad))
        unexplained = [v for v in found if v["impact"] == "moderate" and v["id"] not in MODERATE_EXPLAINED]
        assert unexplained == [], (state, tab, summary(unexplained))
        charts = page.locator("[data-testid='stPlotlyChart']").count()
        checked.append((tab, opened))
        # the table of each chart or map is behind an expander: it was opened and checked open
        assert opened >= min(charts, 1), (state, tab, charts, opened)
    assert checked
