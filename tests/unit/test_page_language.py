"""The page language middleware: Streamlit's index.html leaves as lang="nl" (plain or gzipped, in chunks), its
inline script (and so the CSP hash) unchanged; other responses untouched."""

from __future__ import annotations

import asyncio
import gzip
import threading

import pytest

from dashboard.web.headers import INDEX_HTML, inline_script_hashes
from dashboard.web.lang import FEED_LINK, PageLanguage, dutch_index, with_language


def test_streamlit_index_gets_dutch_and_keeps_its_script_hash():
    original = INDEX_HTML.read_bytes()
    assert b'<html lang="en">' in original  # what Streamlit ships: the reason this exists
    dutch = with_language(original)
    assert b'<html lang="nl">' in dutch and b'lang="en"' not in dutch
    assert inline_script_hashes(dutch.decode()) == inline_script_hashes(original.decode())
    assert len(dutch) == len(original)


def test_html_tag_without_lang_or_with_other_quotes():
    assert with_language(b"<!doctype html><html><body>x</body></html>") == (
        b'<!doctype html><html lang="nl"><body>x</body></html>'
    )
    assert with_language(b"<html class='a' lang='en-US'>") == b"<html class='a' lang=\"nl\">"
    assert with_language(b"<p>no html tag</p>") == b"<p>no html tag</p>"
    # only the html element, not a lang attribute further on
    assert with_language(b'<html lang="en"><p lang="en">x</p>') == b'<html lang="nl"><p lang="en">x</p>'


def run(app, scope: dict | None = None) -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = scope or {"type": "http", "method": "GET", "path": "/onderwijsregios", "headers": []}
    worker = threading.Thread(target=asyncio.run, args=(PageLanguage(app)(scope, receive, send),))
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    return sent


def html_app(chunks: list[bytes], encoding: str | None = None):
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(sum(map(len, chunks))).encode())]
    if encoding:
        headers.append((b"content-encoding", encoding.encode()))

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for i, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < len(chunks) - 1})

    return app


def body_of(sent: list[dict]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def header(sent: list[dict], name: bytes) -> bytes | None:
    return dict(sent[0]["headers"]).get(name)


def test_html_response_in_chunks_is_rewritten_with_a_correct_length():
    page = b'<!doctype html>\n<html lang="en-GB">\n<head></head><body>Lerarentekort</body></html>'
    sent = run(html_app([page[:10], page[10:30], page[30:]]))
    expected = page.replace(b'lang="en-GB"', b'lang="nl"').replace(b"</head>", FEED_LINK + b"</head>")
    assert body_of(sent) == expected  # the language set, the releases feed named in the head
    assert header(sent, b"content-length") == str(len(body_of(sent))).encode()


def test_gzipped_html_is_rewritten_and_stays_gzipped():
    sent = run(html_app([gzip.compress(b'<html lang="en"><body>x</body></html>')], encoding="gzip"))
    assert header(sent, b"content-encoding") == b"gzip"
    assert gzip.decompress(body_of(sent)) == b'<html lang="nl"><body>x</body></html>'


def test_other_responses_pass_untouched():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/csv")]})
        await send({"type": "http.response.body", "body": b'<html lang="en">', "more_body": True})
        await send({"type": "http.response.body", "body": b";x"})

    sent = run(app)
    assert [m.get("body") for m in sent[1:]] == [b'<html lang="en">', b";x"]  # streamed as it came


STREAMLIT_INDEX = INDEX_HTML.read_bytes()


def test_streamlit_index_is_dutch_from_the_first_byte():
    page = dutch_index(STREAMLIT_INDEX)
    assert b'<html lang="nl">' in page and b"<title>Lerarentekort in beeld</title>" in page
    assert b"You need to enable JavaScript" not in page and b"JavaScript nodig" in page
    script = page.index(b"app/static/nl.js")
    assert script < page.index(b'<script type="module"')  # before Streamlit's module reads window.__streamlit
    assert b'data-pages="onderwijsregios,' in page
    assert inline_script_hashes(page.decode()) == inline_script_hashes(STREAMLIT_INDEX.decode())  # CSP stays valid


@pytest.mark.parametrize(("path", "status"), [("/", 200), ("/onderwijsregios", 200), ("/data/", 200), ("/x", 404)])
def test_an_unknown_path_gets_the_dutch_404_page(path, status):
    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b"sector=vo"}
    sent = run(html_app([STREAMLIT_INDEX]), scope)
    assert sent[0]["status"] == status
    body = body_of(sent)
    assert (b"Pagina niet gevonden" in body) == (status == 404)
    if status == 404:
        assert b'href="/onderwijsregios?sector=vo"' in body and b'lang="nl"' in body
        assert int(header(sent, b"content-length")) == len(body)
