"""GET /download/<file>?r=...: the served link gives the page's bytes with cache headers, and Dutch refusals."""

from __future__ import annotations

from dashboard import cache
from dashboard.views import regionale_tekorten as views
from tests.streamlit_protocol import Visitor, fetch, run


def _map_link(server) -> tuple[str, bytes]:
    """The map's CSV link as the page offers it (signed by the server), and the bytes the page's CSV holds."""

    async def offered() -> str:
        async with Visitor(server.url) as visitor:
            page = await visitor.open("regionale-tekorten", "sector=vo")
            return next(o.url for o in page.offers if o.url.startswith("/download/tekort_vo_per_regio.csv"))

    view = views.shortage_map(views.regional_data("vo"), None)
    return run(offered()), cache.labelled_csv(view.frame, tuple(views.MAP_COLUMNS.items()))


def test_link_answers_the_csv_with_name_and_cache_headers(server):
    url, expected = _map_link(server)
    status, headers, body = fetch(server.url + url)
    assert status == 200 and body == expected
    assert headers["content-disposition"] == 'attachment; filename="tekort_vo_per_regio.csv"'
    assert headers["content-type"].startswith("text/csv")
    assert headers["cache-control"] == "public, max-age=300" and headers["etag"].startswith('W/"')
    assert headers["x-dashboard-replica"]  # which process answered
    assert "content-security-policy" in headers  # the app's security headers, as on every response


def test_unchanged_file_answers_304(server):
    import urllib.request

    url, _ = _map_link(server)
    _, headers, _ = fetch(server.url + url)
    request = urllib.request.Request(server.url + url, headers={"If-None-Match": headers["etag"]})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("expected 304")
    except urllib.error.HTTPError as err:
        assert err.code == 304


def test_broken_links_get_a_dutch_400_without_server_details(server):
    url, _ = _map_link(server)
    forged = url.replace("tekort_vo_per_regio.csv", "tekort_vo_per_regio.pdf")  # another name, same signature
    tampered = url.replace("&s=", "&s=0")
    for path in (
        "/download/x.csv?r=bm9uc2Vucw",
        "/download/x.csv",
        "/download/x.exe?r=abc",
        "/download/a.csv%0A?r=x",
        "/download/x.csv?r=eyJmaWxlIjp7ImYiOiJvcy5zeXN0ZW0iLCJhIjpbInRydWUiXSwiayI6e319fQ",
        forged,
        tampered,
    ):
        status, headers, body = fetch(server.url + path)
        text = body.decode()
        assert status == 400, path
        assert text.startswith("Deze downloadlink werkt niet") and "Traceback" not in text and "/" not in text
        assert headers["cache-control"] == "no-store"


def test_a_link_from_before_new_data_gets_a_dutch_410(server, tables):
    """After an import the page shows other figures: a link of the old page must not answer with the new file."""
    url, _ = _map_link(server)
    assert fetch(server.url + url)[0] == 200
    own = tables["indicators"].head(1).assign(source_id="EIGEN-LINK-TEST", value=1.5)
    sources = tables["sources"].head(1).assign(source_id="EIGEN-LINK-TEST", kind="eigen data")
    try:  # a flat own-data folder, as tests/api/test_api_http.py writes it
        sources.to_parquet(server.eigen_dir / "sources.parquet", index=False)
        own.to_parquet(server.eigen_dir / "indicators.parquet", index=False)
        status, headers, body = fetch(server.url + url + "&nieuw=1")  # not from a cache of the old answer
        assert status == 410 and "vernieuwd" in body.decode() and headers["cache-control"] == "no-store"
        fresh, _ = _map_link(server)
        assert fresh != url and fetch(server.url + fresh)[0] == 200
    finally:
        for name in ("indicators", "sources"):
            (server.eigen_dir / f"{name}.parquet").unlink(missing_ok=True)
