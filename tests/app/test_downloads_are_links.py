"""Every download on every page is a link any replica can answer (dashboard/links.py): none is left to
Streamlit's deferred files, which other sessions' runs remove before the browser fetches them (issue 19)."""

from __future__ import annotations

import pytest
from helpers import downloads, open_page

from dashboard.registry import PAGES

PAGE_NAMES = [p.script.removeprefix("app_pages/").removesuffix(".py") for p in PAGES]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_download_on_the_page_is_a_link(page):
    at = open_page(page, sector="vo")
    assert not at.get("download_button"), [b.label for b in at.get("download_button")]
    for label, url in downloads(at):
        assert url.startswith("/download/") and "?r=" in url, label


def test_profile_and_comparison_downloads_are_links():
    at = open_page("regionale_tekorten", sector="vo", regio="AM01", vergelijk="AM02,AM03")
    offered = downloads(at)
    assert not at.get("download_button")
    assert dict(offered)["Download regioprofiel (PDF)"].startswith("/download/regioprofiel_AM01.pdf?r=")
    names = [url.split("?")[0] for _, url in offered]
    assert "/download/tekort_vo_per_regio.csv" in names and "/download/vergelijking_regios_vo.csv" in names


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_download_in_every_tab_is_a_link(page):
    """The tabs are read from the page itself (no list to keep): a new tab is checked too."""
    tabs = [t.label for t in open_page(page, sector="po").tabs]
    for tab in tabs:
        query = {"onderdeel": tab, "sector": "po"}
        if tab == "Eigen regio":
            query |= {"eigen": "GM0363,GM0384", "eigen_naam": "Amstel"}
        at = open_page(page, **query)
        assert not at.get("download_button"), (tab, [b.label for b in at.get("download_button")])
        offered = downloads(at)
        assert all(url.startswith("/download/") for _, url in offered), tab
        if at.get("plotly_chart") or tab in ("Eigen regio", "Alle onderwijsregio's"):
            assert offered, f"{page} / {tab} biedt geen download"


def test_onderwijsregio_profile_downloads_are_links():
    at = open_page("onderwijsregios", sector="vo", oregio="OR-haaglanden")
    assert not at.get("download_button")
    names = [url.split("?")[0] for _, url in downloads(at)]
    assert "/download/gemeenten_OR-haaglanden_vo.csv" in names
    assert any(name.startswith("/download/regioprofiel_OR-haaglanden") for name in names)
