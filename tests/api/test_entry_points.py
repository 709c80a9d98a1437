"""Both entry points serve the downloads: under `streamlit run serve.py` and under `streamlit run app.py` (what every
Streamlit user types) every file a page offers is the file, with its own media type and name, never Streamlit's
index.html under a data file's name; the API answers under both too."""

from __future__ import annotations

import pytest

from dashboard import cache
from dashboard.views import regionale_tekorten as views
from tests.api.conftest import running
from tests.streamlit_protocol import Visitor, fetch, run

PAGES = [  # (url path, query): every kind of file the pages offer, CSV, PNG, SVG, PDF, Parquet, zip and JSON
    ("", "sector=vo"),
    ("regionale-tekorten", "sector=vo&regio=AM01"),
    ("onderwijsregios", "sector=vo&oregio=OR-amsterdamse-onderwijsregio"),
    ("data", ""),
]
FILES = {  # extension -> (media type, the bytes a file of that kind starts with)
    "csv": ("text/csv", b"\xef\xbb\xbf"),
    "pdf": ("application/pdf", b"%PDF-"),
    "png": ("image/png", b"\x89PNG"),
    "svg": ("image/svg+xml", b"<svg"),
    "zip": ("application/zip", b"PK\x03\x04"),
    "parquet": ("application/", b"PAR1"),
    "json": ("application/json", b"{"),
}


@pytest.fixture(scope="module", params=["serve.py", "app.py"])
def entry(request):
    with running(request.param) as server:
        yield server


def _offers(url: str) -> list[tuple[str, str]]:
    async def collect() -> list[tuple[str, str]]:
        found = []
        async with Visitor(url) as visitor:
            for path, query in PAGES:
                page = await visitor.open(path, query)
                assert not page.exceptions, (path, page.exceptions)
                found += [(offer.label, await visitor.resolve(offer)) for offer in page.offers]
        return found

    return run(collect())


def test_every_offered_file_is_that_file(entry):
    offers = _offers(entry.url)
    kinds = {label.rsplit(".", 1)[-1] for label, _ in offers}
    assert {"csv", "pdf", "zip"} <= kinds, kinds  # the CSV, the regioprofiel PDF and the dataset are all offered
    for label, url in offers:
        status, headers, body = fetch(entry.url + url if url.startswith("/") else url)
        media_type, start = FILES[label.rsplit(".", 1)[-1]]
        assert status == 200, (label, status, body[:200])
        assert headers["content-type"].startswith(media_type), (label, headers["content-type"])
        assert not body.lstrip().lower().startswith(b"<!doctype html"), label
        assert body.startswith(start), (label, body[:20])
        assert headers.get("content-disposition", "").endswith(f'filename="{label}"'), label


def test_the_map_csv_holds_the_page_figures(entry):
    offers = dict(_offers(entry.url))
    _, _, body = fetch(entry.url + offers["tekort_vo_per_regio.csv"])
    view = views.shortage_map(views.regional_data("vo"), None)
    assert body == cache.labelled_csv(view.frame, tuple(views.MAP_COLUMNS.items()))


def test_the_api_answers_json(entry):
    for path in ("/api/v1", "/api/v1/indicators?sector=vo&indicator=tekort_pct", "/api/v1/datapackage.json"):
        status, headers, body = fetch(entry.url + path)
        assert status == 200 and headers["content-type"].startswith(("application/json", "text/csv")), path
        assert not body.lstrip().lower().startswith(b"<!doctype html"), path
