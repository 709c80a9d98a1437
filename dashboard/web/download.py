"""GET /download/<file name>?r=<recipe>: the CSV or PDF under a chart, made again from how its view was made.

Stateless (dashboard/links.py): any replica answers, a proxy may cache it (Cache-Control and a weak ETag on the
data version and the link, as the API does). The bytes are the page's own: the CSV by the same function as before
(`;`, decimal comma, UTF-8 with BOM, formula cells neutralised), the PDF by the same view. A link that names no
known view, or arguments the view does not take, gets a Dutch 400; nothing the server knows (paths, tracebacks)
is ever in an answer. The file is made in a worker thread, so the websockets of the pages keep being served.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import pkgutil

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from dashboard import links

CACHE_CONTROL = "public, max-age=300"
log = logging.getLogger(__name__)


@functools.cache
def _load_views() -> None:
    """Import every page's views, so their functions are registered (a fresh replica may not have run a page)."""
    import dashboard.views as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")


def make_file(file_name: str, recipe: str) -> bytes:
    """The bytes of the file a link describes (raises links.BadLink for a link that describes none)."""
    from dashboard import cache

    _load_views()
    spec = links.decode_spec(recipe)
    if "file" in spec:
        made = links.resolve(spec["file"])
        if isinstance(made, str):
            made = made.encode("utf-8")
        if not isinstance(made, bytes):
            raise links.BadLink("de link beschrijft geen bestand")
        return made
    frame = links.resolve(spec["csv"])
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise links.BadLink("de link beschrijft geen tabel")
    columns = links.columns_of(spec, frame)
    return cache.labelled_csv(frame, columns) if columns else cache.safe_csv(frame)


def _refused(reason: str) -> PlainTextResponse:
    return PlainTextResponse(
        f"Deze downloadlink werkt niet: {reason}. Open de pagina opnieuw en klik nogmaals op de downloadknop.",
        status_code=400,
        headers={"Cache-Control": "no-store"},
    )


async def download(request: Request) -> Response:
    file_name = request.path_params["name"]
    if not links.FILE_NAME.match(file_name):
        return _refused("de bestandsnaam is ongeldig")
    recipe = request.query_params.get("r", "")
    from dashboard import cache

    version = await run_in_threadpool(cache.version_tag)
    etag = f'W/"{version}-{hashlib.sha256(str(request.url.query).encode()).hexdigest()[:16]}"'
    headers = {"Cache-Control": CACHE_CONTROL, "ETag": etag, "X-Dataset-Version": version}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    try:
        body = await run_in_threadpool(make_file, file_name, recipe)
    except links.BadLink as err:
        return _refused(str(err))
    except Exception:  # a view that cannot be made from these arguments: said in the log, not to the visitor
        log.exception("download %s: de link kon niet worden gemaakt", file_name)
        return _refused("het bestand kon niet worden gemaakt uit deze link")
    media_type = links.MEDIA_TYPES[file_name.rsplit(".", 1)[1]]
    disposition = {"Content-Disposition": f'attachment; filename="{file_name}"'}
    return Response(body, media_type=media_type, headers=headers | disposition)


ROUTES = [Route(links.ROUTE + "/{name}", download)]
