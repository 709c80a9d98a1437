"""Security headers (dashboard/web/headers.py) on every kind of response of the served app, and every page
still draws under its Content-Security-Policy in Chromium: charts and maps, no CSP violation."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from conftest import wait_for_app, wait_for_drawn, with_every_figure
from playwright.sync_api import expect
from test_all_pages_browser import CHART, PAGES
from test_onderwijsregios_browser import wait_for_colour

EXPECTED = {
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def headers_of(url: str) -> dict[str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return {name.lower(): value for name, value in response.headers.items()}
    except urllib.error.HTTPError as err:  # /warmup answers 503 until warm: its headers count as well
        return {name.lower(): value for name, value in err.headers.items()}


def test_headers_on_page_static_asset_and_warmup(server):
    index = urllib.request.urlopen(f"{server}/", timeout=10).read().decode()
    asset = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', index)[1]
    for path in ("/", f"/{asset}", "/warmup", "/_stcore/health", "/data"):
        headers = headers_of(f"{server}{path}")
        assert {name: headers.get(name.lower()) for name in EXPECTED} == EXPECTED, path
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp, path
        assert "'unsafe-eval'" not in csp and "script-src 'self' 'sha256-" in csp, path


@pytest.mark.parametrize("path", PAGES)
def test_page_draws_without_csp_violation(server, page, path):
    page.add_init_script(COLLECT_VIOLATIONS)
    console = []

    def note(msg) -> None:
        if "Content Security Policy" in msg.text:
            console.append(msg.text)

    page.on("console", note)
    page.on("worker", lambda worker: worker.on("console", note))  # MapLibre's worker reports there, not to the page
    page.set_viewport_size({"width": 1400, "height": 3200})
    page.goto(f"{server}/{path}?sector=vo{with_every_figure(path)}")  # the overview's map, Tabel maken's chart
    wait_for_app(page)
    charts = page.locator(CHART)
    if path != "data":  # every other page has charts; on a busy machine they can come after the first check
        charts.first.wait_for(timeout=60_000)
    wait_for_drawn(page)
    for i in range(charts.count()):
        assert wait_for_colour(charts.nth(i), minimum=300, timeout_s=15) >= 300, f"chart {i} on {path} is blank"
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert page.evaluate("window.__csp") == [] and console == []
