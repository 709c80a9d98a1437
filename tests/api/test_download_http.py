"""GET /download/<file>?r=...: the served link gives the page's bytes with cache headers, and Dutch refusals."""

from __future__ import annotations

from dashboard import cache, links
from dashboard.views import regionale_tekorten as views
from tests.streamlit_protocol import fetch


def _map_link() -> tuple[str, bytes]:
    view = views.shortage_map(views.regional_data("vo"), None)
    url = links.url(view.filename, links.csv_spec(view.frame, views.MAP_COLUMNS), cache.version_tag())
    return url, cache.labelled_csv(view.frame, tuple(views.MAP_COLUMNS.items()))


def test_link_answers_the_csv_with_name_and_cache_headers(server):
    url, expected = _map_link()
    status, headers, body = fetch(server.url + url)
    assert status == 200 and body == expected
    assert headers["content-disposition"] == 'attachment; filename="tekort_vo_per_regio.csv"'
    assert headers["content-type"].startswith("text/csv")
    assert headers["cache-control"] == "public, max-age=300" and headers["etag"].startswith('W/"')
    assert headers["x-dashboard-replica"]  # which process answered
    assert "content-security-policy" in headers  # the app's security headers, as on every response


def test_unchanged_file_answers_304(server):
    import urllib.request

    url, _ = _map_link()
    _, headers, _ = fetch(server.url + url)
    request = urllib.request.Request(server.url + url, headers={"If-None-Match": headers["etag"]})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("expected 304")
    except urllib.error.HTTPError as err:
        assert err.code == 304


def test_broken_links_get_a_dutch_400_without_server_details(server):
    for path in ("/download/x.csv?r=bm9uc2Vucw", "/download/x.csv", "/download/x.exe?r=abc",
                 "/download/x.csv?r=eyJmaWxlIjp7ImYiOiJvcy5zeXN0ZW0iLCJhIjpbInRydWUiXSwiayI6e319fQ"):
        status, headers, body = fetch(server.url + path)
        text = body.decode()
        assert status in (400, 404), path
        if status == 400:
            assert text.startswith("Deze downloadlink werkt niet") and "Traceback" not in text and "/" not in text
            assert headers["cache-control"] == "no-store"
