"""Every figure every page shows, in every sector and every tab, holds the figure rules (tests/figure_checks.py):
Dutch notation on axes, labels and hovers, no SI suffixes ('10k'), no clipped labels, gaps where a year has no figure.

The walk finds the tabs from the page itself, so a new tab or chart is checked without a change here."""

import sys
from pathlib import Path

import pytest
from helpers import open_page

from dashboard.data.model.sectors import SCHOOL_SECTORS
from dashboard.registry import PAGES
from dashboard.sections import tabel as tabel_section
from dashboard.views import onderwijsregios, regionale_tekorten, tabel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from figure_checks import problems  # noqa: E402


def _selections(page: str, sector: str) -> list[dict[str, str]]:
    """The URL choices that open a page's figures beyond its default view: a profile, a comparison, the change map."""
    if page == "regionale-tekorten":
        codes = regionale_tekorten.regional_data(sector).codes
        return [{}, {"regio": codes[0], "vergelijk": ",".join(codes[:3]), "weergave": "verschil"}]
    if page == "onderwijsregios":
        data = onderwijsregios.oregio_data(sector)
        chosen = data.voorlopers[:3] or data.codes[:3]
        profile = {"oregio": chosen[0], "overgelijk": ",".join(chosen), "weergave": "verschil", "leden": "zonder-los"}
        return [{}, profile]
    return [{}]


TAB_KEYS = {"tabel": tabel_section.WEERGAVE.key}  # a page's tabs' URL parameter, where it is not "onderdeel"


def _figures(page: str, sector: str) -> dict[str, str]:
    """chart key (or position) -> figure JSON, for every tab and selection of the page in this sector."""
    shown: dict[str, str] = {}
    for selection in _selections(page, sector):
        at = open_page(page, sector=sector, **selection)
        labels = [tab.label for tab in at.tabs] or [None]
        for label in labels:
            if label is not None and label != labels[0]:
                at = open_page(page, sector=sector, **{TAB_KEYS.get(page, "onderdeel"): label}, **selection)
            for i, chart in enumerate(at.get("plotly_chart")):
                shown[f"{label or ''}/{chart.proto.id if not chart.key else chart.key}/{i}/{selection}"] = (
                    chart.proto.spec
                )
    return shown


@pytest.mark.parametrize("sector", SCHOOL_SECTORS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_figure_on_every_page_tab_and_sector_is_in_dutch_notation_and_unclipped(page, sector):
    name = page.script.removeprefix("app_pages/").removesuffix(".py")
    figures = _figures(name if page.url_path else "overzicht", sector)
    no_figures = page.url_path == "tabel" and tabel.default_choice(sector) is None  # the data has none for it
    if page.url_path != "data" and not no_figures:
        assert figures, f"{page.name}: geen enkele figuur gevonden"
    broken = {key: found for key, spec in figures.items() if (found := problems(spec))}
    assert not broken, broken
