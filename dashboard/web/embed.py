"""GET /embed/<name>?r=<recipe>&b=<page>&s=<signature>: the embed form of a chart or map, for an <iframe> on
another site: the chart (an SVG made on the server, dashboard/images.py) with its title, source line and a link
back to the page it came from; no sidebar, no Streamlit, no session.

Like a download link (dashboard/links.py) the link names how its view was made and is signed with the secret the
replicas share, so any replica answers and nobody else's text ends up in our page. Unlike a download it is not
tied to one data version: an embedded chart shows the newest figures of the same choice (a journalist's article
keeps working after new data). Only this route may be framed by other sites (dashboard/web/headers.py,
EMBED_ANCESTORS); it is cacheable (Cache-Control and an ETag on data version and link) and keeps no state.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import os
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from dashboard.api.http import CACHE_CONTROL, weak_etag
from dashboard.web.replica import link_key

ROUTE = "/embed"
SIGNED_AS = "embed"  # in place of a data version: an embed link outlives new data
MAX_BACK = 600  # characters of the link back to the page
HEIGHT = 640  # pixels of the iframe the "Insluiten" code proposes, the chart's height plus its lines
_made: dict[tuple[str, str, str], bytes] = {}  # (data version, recipe, back) -> page: 64 at most
MAX_MADE = 64

log = logging.getLogger(__name__)


def ancestors() -> str:
    """Which sites may frame an embed: the setting LERARENTEKORT_EMBED_ANCESTORS (CSP frame-ancestors sources,
    e.g. "https://www.example.nl https://*.example.org"), any site ("*") by default."""
    return os.environ.get("LERARENTEKORT_EMBED_ANCESTORS", "").strip() or "*"


def _signed_text(recipe: str, back: str) -> str:
    return f"{recipe}\n{back}"


def embed_url(name: str, view: object, back: str, key: str) -> str | None:
    """`/embed/<name>?r=...&b=...&s=...` of `view` (as a download link names it), or None if the view cannot be
    linked (a session upload) or the link would be too long."""
    from dashboard import links

    made = links.recipe_of(view)
    if made is None:
        return None
    packed = json.dumps({"file": made}, separators=(",", ":"), ensure_ascii=False).encode()
    recipe = base64.urlsafe_b64encode(packed).decode().rstrip("=")
    if len(recipe) > links.MAX_RECIPE_CHARS:
        return None
    back = back[:MAX_BACK]
    sig = links.signature(key, name, _signed_text(recipe, back), SIGNED_AS)
    return f"{ROUTE}/{quote(name)}?r={recipe}&b={quote(back, safe='/,')}&s={sig}"


def iframe_code(absolute_url: str, title: str, height: int = HEIGHT) -> str:
    """The code to paste into another site."""
    return (
        f'<iframe src="{html.escape(absolute_url)}" title="{html.escape(title)}" width="100%" height="{height}" '
        'style="border:0" loading="lazy"></iframe>'
    )


def page(view: object, back: str, svg: bytes) -> bytes:
    """The embed page: title, chart, source line (as text too: readable by a screen reader), link back."""
    from dashboard.images import NAME, plain

    title = html.escape(getattr(view, "title", "") or "")
    sources = html.escape(plain(getattr(view, "sources", "") or ""))
    words = html.escape(getattr(view, "description", "") or "")
    body = svg.decode("utf-8")
    body = body.replace("<svg ", f'<svg role="img" aria-label="{title}" ', 1)
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {NAME}</title>
<style>body{{margin:0;font-family:system-ui,sans-serif;color:#222;background:#fff}}
main{{padding:8px}} svg{{max-width:100%;height:auto}} p{{font-size:13px;margin:4px 0}} a{{color:#0b4f8a}}</style>
</head><body><main>
<h1 style="position:absolute;left:-9999px">{title}</h1>
{body}
{f"<p>In woorden: {words}</p>" if words else ""}
<p>{sources}</p>
<p><a href="{html.escape(back)}" target="_blank" rel="noopener">Bekijk en download in {NAME}</a></p>
</main></body></html>""".encode()


def make(recipe: str, back: str, version: str) -> bytes:
    """The embed page of a checked link; `back` the absolute address of the page it came from."""
    from dashboard import images, links
    from dashboard.web.download import _load_views

    found = _made.get((version, recipe, back))
    if found is not None:
        return found
    _load_views()
    spec = links.decode_spec(recipe)
    view = links.resolve(spec["file"])
    made = page(view, back, images.image(view, "svg"))
    if len(_made) >= MAX_MADE:
        _made.clear()
    _made[(version, recipe, back)] = made
    return made


def _refused(status: int, reason: str) -> PlainTextResponse:
    return PlainTextResponse(
        f"Deze ingesloten grafiek werkt niet: {reason}. Kopieer de code opnieuw onder de grafiek in het dashboard.",
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


async def embed(request: Request) -> Response:
    import hmac

    from dashboard import cache, links

    name, query = request.path_params["name"], request.query_params
    recipe, back, sig = query.get("r", ""), query.get("b", "/"), query.get("s", "")
    expected = links.signature(link_key(), name, _signed_text(recipe, back), SIGNED_AS)
    if not hmac.compare_digest(sig.encode(), expected.encode()) or not back.startswith("/"):
        return _refused(400, "de link is niet door dit dashboard gemaakt of is beschadigd")
    version = await run_in_threadpool(cache.version_tag)
    etag = weak_etag(version, request)
    headers = {"Cache-Control": CACHE_CONTROL, "ETag": etag, "X-Dataset-Version": version}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    try:
        root = str(request.base_url).rstrip("/")  # the host the visitor asked for (nginx passes it on)
        body = await run_in_threadpool(make, recipe, root + back, version)
    except links.BadLink as err:
        return _refused(400, str(err))
    except Exception:  # said in the log, not to the visitor
        log.exception("embed %s: de grafiek kon niet worden gemaakt", name)
        return _refused(400, "de grafiek kon niet worden gemaakt uit deze link")
    return HTMLResponse(body, headers=headers)


ROUTES = [Route(ROUTE + "/{name}", embed)]
