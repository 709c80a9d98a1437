"""Taking a chart along, in Chromium: Tabel maken from its link, a chart's SVG with its source line in it, and
the embed form inside an <iframe> on a page of another origin (only the embed form may be framed)."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import wait_for_app
from playwright.sync_api import expect

TABEL = "/tabel?indicator=tekort_pct&sector=vo&gebied=arbeidsmarktregio&peildatum=2023-10-01"
CHART_TAB = "&tabel_of_grafiek=Grafiek"  # the chart (with its image and embed links) is Tabel maken's second tab


@pytest.fixture
def other_origin(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A plain web server on another port of 127.0.0.1 (another origin), serving `tmp_path`."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", tmp_path
    finally:
        httpd.shutdown()


def _open_tabel(page, server):
    page.goto(server + TABEL + CHART_TAB)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="per arbeidsmarktregio (okt 2023)")).to_be_visible(timeout=60_000)


def test_a_charts_svg_carries_its_title_source_line_peildatum_and_name(page, server):
    _open_tabel(page, server)
    link = page.locator("a.download-link", has_text="Afbeelding (SVG)")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        link.click()
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "Bronnen: Ministerie van OCW" in svg or "Bron: " in svg
    assert "Centerdata" in svg and "Peildatum: okt 2023" in svg and "Lerarentekort in beeld" in svg
    assert "Tekort (% werkgelegenheid), voortgezet onderwijs (vo), per arbeidsmarktregio" in svg
    assert "5,8%" in svg  # the national reference line, in Dutch notation


def test_the_embed_form_draws_inside_an_iframe_of_another_origin(page, server, other_origin):
    _open_tabel(page, server)
    page.get_by_text("Insluiten", exact=True).click()
    code = page.locator("code", has_text="<iframe")
    expect(code).to_be_visible(timeout=30_000)
    iframe = code.inner_text()
    src = iframe.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert src.startswith(server + "/embed/")

    headers = urllib.request.urlopen(src, timeout=60).headers
    assert "X-Frame-Options" not in headers
    assert "frame-ancestors *" in headers["Content-Security-Policy"]
    assert "max-age" in headers["Cache-Control"]
    page_headers = urllib.request.urlopen(server + "/tabel", timeout=30).headers
    assert page_headers["X-Frame-Options"] == "SAMEORIGIN"  # the rest of the site still refuses frames

    origin, folder = other_origin
    (folder / "artikel.html").write_text(f"<!doctype html><html><body><h1>Artikel</h1>{iframe}</body></html>")
    page.goto(f"{origin}/artikel.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator("svg").first).to_be_visible(timeout=60_000)
    expect(frame.get_by_text("Centerdata").first).to_be_visible()
    back = frame.get_by_role("link", name="Bekijk en download in Lerarentekort in beeld")
    expect(back).to_be_visible()
    href = urlsplit(back.get_attribute("href"))
    assert f"{href.scheme}://{href.netloc}" == server  # back to the dashboard, not to the embedding site
    assert href.path == "/tabel"
    assert parse_qs(href.query) == parse_qs(urlsplit(TABEL + CHART_TAB).query)  # back to the chart it showed


def test_every_page_names_the_feed_and_the_feed_carries_every_release_in_words(server):
    import feedparser

    for path in ("/", "/tabel", "/data"):
        html = urllib.request.urlopen(server + path, timeout=30).read().decode()
        head = html.split("</head>", 1)[0]
        assert 'rel="alternate" type="application/atom+xml"' in head and 'href="/api/v1/releases.atom"' in head
    feed = feedparser.parse(urllib.request.urlopen(server + "/api/v1/releases.atom", timeout=30).read())
    assert len(feed.entries) > 1
    for entry in feed.entries:
        assert "rijen komen maar in één" not in entry.summary and len(entry.summary) > 30
