"""Every page in a real browser: no exception, no blank chart, no request off the machine, no serious or
critical accessibility violation (axe-core), and a screenshot per page in test-output/."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import screenshot, wait_for_app
from test_onderwijsregios_browser import wait_for_colour

PAGES = [
    "",  # Overzicht is the default page: its link is the root URL
    "onderwijsregios",
    "opleiden",
    "bevoegdheden",
    "onderwijstijd",
    "behoud",
    "data",
]
CHART = "[data-testid='stPlotlyChart']"


@pytest.mark.parametrize("path", PAGES)
def test_page_in_browser(server, page, path):
    page.set_viewport_size({"width": 1400, "height": 3200})
    page.goto(f"{server}/{path}?sector=vo")
    wait_for_app(page)
    page.wait_for_timeout(500)  # charts draw after the script ends; wait_for_colour polls per chart

    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("radio", name="Voortgezet onderwijs (vo)").is_checked()

    charts = page.locator(CHART)
    for i in range(charts.count()):
        assert wait_for_colour(charts.nth(i), minimum=300, timeout_s=15) >= 300, f"chart {i} on {path} is blank"

    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]

    screenshot(page, path or "overzicht")
    assert page.outside_requests == []


def test_navigation_keeps_shared_filter(server, page):
    page.goto(f"{server}/?sector=vo")
    wait_for_app(page)
    page.get_by_role("link", name="Bevoegdheden").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Bevoegdheden").wait_for()
    assert "sector=vo" in page.url
    assert page.get_by_role("radio", name="Voortgezet onderwijs (vo)").is_checked()
