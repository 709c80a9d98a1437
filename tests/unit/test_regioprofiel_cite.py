"""A regioprofiel one can cite: its first page says when it was made, from which data version, and links to the
exact view; its map marks uncertain and detached members as the web map does; an own region's file is named
after it."""

from __future__ import annotations

import datetime as dt
import io

import pypdf

from dashboard import cache
from dashboard.report.cite import dutch_date, file_stem
from dashboard.views import onderwijsregios as views

LINK = "http://127.0.0.1:8501/onderwijsregios?sector=po&oregio=OR-rotterdam-po"


def _first_page(pdf: bytes) -> pypdf.PageObject:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[0]


def test_first_page_has_the_date_the_data_version_and_the_link_to_the_view():
    data = views.oregio_data("po")
    pdf = views.regioprofiel_pdf(views.profile(data, "OR-rotterdam-po"), [], LINK)
    page = _first_page(pdf)
    text = page.extract_text()
    assert f"Gemaakt op {dutch_date(dt.date.today())}" in text
    assert f"dataversie {cache.version_tag()}" in text
    assert LINK in text.replace("\n", "")
    uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if "/A" in a.get_object()]
    assert LINK in uris  # a link one can click, not only text
    # 20 uncertain memberships and 3 members lying apart (tested on the web map's data): both in the map's legend
    assert "onzeker lidmaatschap" in text and "ligt los van de rest" in text


def test_a_region_without_marked_members_has_no_such_legend():
    data = views.oregio_data("vo")
    text = _first_page(views.regioprofiel_pdf(views.profile(data, "OR-zaanstreek-waterland"), [])).extract_text()
    assert "onzeker lidmaatschap" in text  # its 7 uncertain members
    assert "ligt los van de rest" not in text


def test_own_region_file_name_follows_its_name():
    assert file_stem("Amstel & Meer") == "amstel_meer"
    assert file_stem("Zuid-Hollandse Eilanden ’s-Gravendeel") == "zuid_hollandse_eilanden_s_gravendeel"
    assert file_stem("***") == "eigen_regio"
