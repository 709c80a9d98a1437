"""The page language: `<html lang="nl">` from the first byte of every page (WCAG 3.1.1), as
`st.App(middleware=...)` (in dashboard/web/headers.MIDDLEWARE).

Streamlit serves one index.html for every page (its own file, or as the fallback for a deep link like
/onderwijsregios) with `<html lang="en">`, and its frontend never changes it: a screen reader then reads the Dutch
text with an English voice. This middleware rewrites that attribute in every HTML response, before the browser sees
it, so the language is right before any script runs. Only the attribute changes: the inline script (and so its CSP
hash, dashboard/web/headers.py) stays the same. Other responses pass through unbuffered. The head also gets the
`<link rel="alternate" type="application/atom+xml">` of the releases feed (dashboard/api/feed.py).
"""

from __future__ import annotations

import gzip
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dashboard.registry import PAGES
from dashboard.web import notfound

LANGUAGE = "nl"
ROOT = b'<div id="root">'  # what marks Streamlit's index.html (and not an HTML page of the API)
TITLE = re.compile(rb"<title>[^<]*</title>")
NOSCRIPT = re.compile(rb"<noscript>.*?</noscript>", flags=re.S)
MODULE = re.compile(rb'<script type="module"')
# Before Streamlit's own module: the script that keeps its frontend Dutch (static/nl.js, served at app/static/).
PAGE_PATHS = ",".join(p.url_path for p in PAGES if p.url_path)
DUTCH_SCRIPT = f'<script src="./app/static/nl.js" data-pages="{PAGE_PATHS}"></script>\n    '.encode()
NOSCRIPT_TEXT = (
    b"<noscript><p>Lerarentekort in beeld heeft JavaScript nodig. De cijfers zijn ook te lezen zonder: "
    b'de open-data-API staat op <a href="./api/v1">/api/v1</a>.</p></noscript>'
)
# Every page names the releases feed in its head, so a feed reader given any page finds it.
FEED_LINK = (
    b'<link rel="alternate" type="application/atom+xml" title="Lerarentekort in beeld: wat is er nieuw" '
    b'href="/api/v1/releases.atom">'
)
HEAD_END = re.compile(rb"</head\s*>", flags=re.I)
HTML_TAG = re.compile(rb"<html(\s[^>]*)?>", flags=re.I)
LANG_ATTRIBUTE = re.compile(rb"""\slang\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", flags=re.I)


def with_language(page: bytes, lang: str = LANGUAGE) -> bytes:
    """`page` with its first <html> tag's lang attribute set to `lang` (added if it has none)."""
    match = HTML_TAG.search(page)
    if match is None:
        return page
    tag = match.group(0)
    attribute = f' lang="{lang}"'.encode()
    new_tag, replaced = LANG_ATTRIBUTE.subn(attribute, tag, count=1)
    if not replaced:
        new_tag = tag[:5] + attribute + tag[5:]
    return page[: match.start()] + new_tag + page[match.end() :]


def dutch_index(page: bytes, lang: str = LANGUAGE) -> bytes:
    """Streamlit's index.html in Dutch from the first byte: lang, title, the text without JavaScript, and the script
    that translates what its frontend writes (static/nl.js). Other HTML only gets its lang attribute."""
    page = with_language(page, lang)
    if ROOT not in page:
        return page
    page = TITLE.sub(b"<title>Lerarentekort in beeld</title>", page, count=1)
    page = NOSCRIPT.sub(NOSCRIPT_TEXT, page, count=1)
    return MODULE.sub(DUTCH_SCRIPT + b'<script type="module"', page, count=1)


def with_feed_link(page: bytes) -> bytes:
    """`page` with the feed's <link rel="alternate"> before its </head> (once; a page without a head unchanged)."""
    if FEED_LINK in page:
        return page
    match = HEAD_END.search(page)
    return page if match is None else page[: match.start()] + FEED_LINK + page[match.start() :]


class PageLanguage:
    """Pure ASGI middleware: buffers only text/html responses, sets their page language and makes Streamlit's page
    Dutch (dutch_index); Streamlit's page for a path that is no page becomes the Dutch 404 page (notfound.py)."""

    def __init__(self, app: ASGIApp, lang: str = LANGUAGE) -> None:
        self.app = app
        self.lang = lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def send_with_language(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = MutableHeaders(scope=message).get("content-type", "")
                if content_type.startswith("text/html"):
                    start = message  # held back until the whole body is here
                    return
            elif message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                await self._send_rewritten(scope, start, b"".join(body), send)
                return
            await send(message)

        await self.app(scope, receive, send_with_language)

    async def _send_rewritten(self, scope: Scope, start: Message, page: bytes, send: Send) -> None:
        headers = MutableHeaders(scope=start)
        gzipped = headers.get("content-encoding", "") == "gzip"
        if page:
            html = with_feed_link(dutch_index(gzip.decompress(page) if gzipped else page, self.lang))
            if ROOT in html and not notfound.is_page(scope["path"]):  # Streamlit's fallback for a path it lacks
                query = scope.get("query_string", b"").decode("latin-1")
                html = notfound.page(scope["path"], query)
                start = {**start, "status": 404}
                headers = MutableHeaders(scope=start)
                for name in ("etag", "last-modified"):
                    if name in headers:
                        del headers[name]
                headers["cache-control"] = "no-store"
            page = gzip.compress(html) if gzipped else html
            if "content-length" in headers:
                headers["content-length"] = str(len(page))
        await send(start)
        await send({"type": "http.response.body", "body": page, "more_body": False})
