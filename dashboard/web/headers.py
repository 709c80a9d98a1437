"""Security headers (and the replica's name, dashboard/web/replica.py) on every HTTP response of the app, as
`st.App(middleware=MIDDLEWARE)`.

The Content-Security-Policy allows what Streamlit's frontend and the charts were seen to need in Chromium
(tests/e2e/test_security_headers_browser.py visits every page and fails on any CSP violation):
- scripts from the app itself, plus Streamlit's one inline script in index.html by its hash (computed from the
  installed file, so an upgrade keeps working), and 'wasm-unsafe-eval' (WebAssembly only: Streamlit's protobuf
  decoder; without it no chart is drawn); no 'unsafe-inline' or 'unsafe-eval' for scripts;
- workers from blob: URLs: MapLibre starts its map worker that way;
- inline styles: Streamlit's styling (emotion) and plotly write style elements and attributes at run time;
- images and fonts from the app, data: and blob: (icons, plotly's exports); connections to the app only ('self'
  covers its websocket);
- framing only by the app itself (frame-ancestors 'self', and X-Frame-Options for older browsers), except the
  embed form of a chart (/embed/, dashboard/web/embed.py): other sites may frame it, which ones is the setting
  LERARENTEKORT_EMBED_ANCESTORS (any site, "*", by default); it runs no script at all.
A header a route already set (Streamlit sets its own on some responses) is left as it is.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

import streamlit
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dashboard.web import replica
from dashboard.web.lang import PageLanguage

INDEX_HTML = Path(streamlit.__file__).parent / "static" / "index.html"


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources ('sha256-…') of the inline <script> elements of a page, as the browser hashes them."""
    bodies = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'" for body in bodies]


def content_security_policy(script_hashes: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes, "'wasm-unsafe-eval'"],
        "worker-src": ["'self'", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


EMBED_PREFIX = "/embed/"  # dashboard.web.embed.ROUTE + "/"


def embed_headers(ancestors: str) -> dict[str, str]:
    """The headers of the embed form: framed by `ancestors`, no script, styles and images of its own only."""
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
        f"frame-ancestors {ancestors}"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


def security_headers(index_html: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(index_html)),
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


class SecurityHeaders:
    """Pure ASGI middleware (no buffering, websockets untouched): adds `headers` to each HTTP response start."""

    def __init__(self, app: ASGIApp, headers: Mapping[str, str] | None = None) -> None:
        self.app = app
        if headers is None:
            headers = security_headers(INDEX_HTML.read_bytes().decode()) | {replica.HEADER: replica.name()}
        self.headers = dict(headers)
        from dashboard.web.embed import ancestors

        own = {k: v for k, v in self.headers.items() if k not in ("Content-Security-Policy", "X-Frame-Options")}
        self.embed = own | embed_headers(ancestors())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chosen = self.embed if scope.get("path", "").startswith(EMBED_PREFIX) else self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in chosen.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# PageLanguage sets <html lang="nl"> in Streamlit's index.html (dashboard/web/lang.py).
MIDDLEWARE = [Middleware(SecurityHeaders), Middleware(PageLanguage)]
