"""The security headers middleware: the policy's hash matches Streamlit's inline script, headers are added to
HTTP responses without replacing a route's own, and websockets pass untouched."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import threading

from dashboard.web.headers import INDEX_HTML, SecurityHeaders, content_security_policy, inline_script_hashes


def test_hash_of_the_inline_script_as_the_browser_computes_it():
    body = "\n      window.prerenderReady = false\n    "
    expected = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    html = f"<html><script>{body}</script><script src='x.js'></script>"
    assert inline_script_hashes(html) == [f"'sha256-{expected}'"]
    assert len(inline_script_hashes(INDEX_HTML.read_bytes().decode())) == 1  # Streamlit 1.67 has exactly one


def test_policy_has_no_unsafe_script_sources():
    csp = content_security_policy(["'sha256-abc'"])
    script = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert script == "script-src 'self' 'sha256-abc' 'wasm-unsafe-eval'"
    assert "frame-ancestors 'self'" in csp


def run(app, scope: dict) -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request"}

    async def send(message: dict) -> None:
        sent.append(message)

    middleware = SecurityHeaders(app, {"X-Frame-Options": "SAMEORIGIN", "Referrer-Policy": "no-referrer"})
    # asyncio.run in its own thread: an earlier test (AppTest) may leave an event loop running in this one
    worker = threading.Thread(target=asyncio.run, args=(middleware(scope, receive, send),))
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    return sent


def test_headers_added_to_http_but_a_routes_own_header_wins():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"referrer-policy", b"same-origin")]})
        await send({"type": "http.response.body", "body": b"ok"})

    start = run(app, {"type": "http", "headers": []})[0]
    assert sorted(start["headers"]) == [(b"referrer-policy", b"same-origin"), (b"x-frame-options", b"SAMEORIGIN")]


def test_websocket_passes_untouched():
    async def app(scope, receive, send):
        await send({"type": "websocket.accept", "headers": []})

    assert run(app, {"type": "websocket", "headers": []}) == [{"type": "websocket.accept", "headers": []}]


def test_only_the_embed_form_may_be_framed_by_other_sites(monkeypatch):
    from dashboard.web.headers import SecurityHeaders

    monkeypatch.setenv("LERARENTEKORT_EMBED_ANCESTORS", "https://www.example.nl")
    sent: dict[str, list] = {}

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})

    def headers_for(path: str) -> dict[str, str]:
        async def send(message):
            sent[path] = message["headers"]

        middleware = SecurityHeaders(app, {"X-Frame-Options": "SAMEORIGIN", "Content-Security-Policy": "x"})
        # in its own thread, as run() above: an earlier test may leave an event loop running in this one
        worker = threading.Thread(target=asyncio.run, args=(middleware({"type": "http", "path": path}, None, send),))
        worker.start()
        worker.join(10)
        return {k.decode(): v.decode() for k, v in sent[path]}

    page = headers_for("/tabel")
    assert page["x-frame-options"] == "SAMEORIGIN" and page["content-security-policy"] == "x"
    embed = headers_for("/embed/tekort_vo?r=x")
    assert "x-frame-options" not in embed
    assert embed["content-security-policy"].endswith("frame-ancestors https://www.example.nl")
    assert "script-src" not in embed["content-security-policy"]  # default-src 'none': no script runs
    monkeypatch.delenv("LERARENTEKORT_EMBED_ANCESTORS")
    assert headers_for("/embed/a")["content-security-policy"].endswith("frame-ancestors *")
