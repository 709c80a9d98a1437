"""GET /download/<file name>?r=<recipe>&v=<version>&s=<signature>: the CSV or PDF under a chart, made again from how
its view was made.

Stateless (dashboard/links.py): any replica answers, a proxy may cache it (Cache-Control and a weak ETag on the
data version and the link, as the API does). The bytes are the page's own: the CSV by the same function as before
(`;`, decimal comma, UTF-8 with BOM, formula cells neutralised), the PDF by the same view. Only links this server
made are served (signed with the cookie secret the replicas share); a link made before the data changed gets a
Dutch 410 (its file would no longer be what the page showed), any other bad link a Dutch 400; nothing the server
knows (paths, tracebacks) is ever in an answer. The file is made in a worker thread, so the websockets of the
pages keep being served.

Several hosts, data rolled out host by host (dashboard/bundle.py, docs/uitrol.md): a link of a release this host
keeps (the one before) is made from that release, in a child process that reads that release's folder; a link of a
version this host never had (newer: it has not been taken in here yet) is a Dutch 503 with Retry-After, which
nginx passes on to the next replica (proxy_next_upstream http_503), one that has it.

Like the API (dashboard/api/) this module stays light to import (serve.py imports it before the server answers):
pandas, the cache and the views are imported on the first request.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import os
import pkgutil
import subprocess
import sys
import threading
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from dashboard.api.http import CACHE_CONTROL, weak_etag
from dashboard.web.replica import link_key

ROUTE = "/download"  # dashboard.links.ROUTE (a test holds them equal; importing links would import pandas)

log = logging.getLogger(__name__)
KEPT_AT_ONCE = threading.BoundedSemaphore(2)  # children making files of a kept release (a rollout's few minutes)
KEPT_TIMEOUT = 120
RETRY_AFTER = "2"


@functools.cache
def _load_views() -> None:
    """Import every page's views, so their functions are registered (a fresh replica may not have run a page)."""
    import dashboard.views as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    importlib.import_module("dashboard.images")  # the PNG and SVG of a chart (registered like a view)


def make_file(spec: dict) -> bytes:
    """The bytes of the file a checked link describes (raises links.BadLink when it describes none)."""
    import pandas as pd

    from dashboard import cache, links

    _load_views()
    if "file" in spec:
        made = links.resolve(spec["file"])
        if isinstance(made, str):
            made = made.encode("utf-8")
        if not isinstance(made, bytes):
            raise links.BadLink("de link beschrijft geen bestand")
        return made
    frame = links.resolve(spec["csv"])
    if not isinstance(frame, pd.DataFrame):
        raise links.BadLink("de link beschrijft geen tabel")
    columns = links.columns_of(spec, frame)
    return cache.labelled_csv(frame, columns, links.decimals_of(spec, frame)) if columns else cache.safe_csv(frame)


def _refused(status: int, reason: str) -> PlainTextResponse:
    return PlainTextResponse(
        f"Deze downloadlink werkt niet: {reason}. Open de pagina opnieuw en klik nogmaals op de downloadknop.",
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


def make_kept_file(folder: Path, version: str, spec: dict) -> bytes:
    """make_file for a kept release: a child process with that release's folder as its data (this process's caches
    hold the data in use). Raises links.BadLink when the child cannot make it."""
    from dashboard import links

    env = os.environ | {"LERARENTEKORT_DATA_DIR": str(folder), "LERARENTEKORT_EIGEN_DIR": str(folder / "eigen")}
    with KEPT_AT_ONCE:
        done = subprocess.run(
            [sys.executable, "-m", "dashboard.web.download", version],
            input=json.dumps(spec).encode(),
            env=env,
            capture_output=True,
            timeout=KEPT_TIMEOUT,
        )
    if done.returncode:
        log.error("download uit bewaarde uitgave %s: %s", version, done.stderr.decode(errors="replace")[-2000:])
        raise links.BadLink("het bestand kon niet worden gemaakt uit de bewaarde gegevens")
    return done.stdout


def _not_here_yet() -> PlainTextResponse:
    return PlainTextResponse(
        "Deze downloadlink hoort bij gegevens die net worden bijgewerkt en op deze server nog niet klaarstaan. "
        "Probeer het over enkele seconden opnieuw.",
        status_code=503,
        headers={"Cache-Control": "no-store", "Retry-After": RETRY_AFTER},
    )


async def download(request: Request) -> Response:
    from dashboard import bundle, cache, links

    file_name, query = request.path_params["name"], request.query_params
    current, asked = await run_in_threadpool(cache.version_tag), query.get("v", "")
    kept = None if asked == current else bundle.kept_folder(asked)
    version = asked if kept or (asked != current and bundle.managed() and asked not in bundle.seen()) else current
    etag = weak_etag(version, request)
    headers = {"Cache-Control": CACHE_CONTROL, "ETag": etag, "X-Dataset-Version": version}
    try:
        spec = links.check(file_name, query.get("r", ""), asked, query.get("s", ""), link_key(), version)
    except links.StaleLink as err:
        return _refused(410, str(err))
    except links.BadLink as err:
        return _refused(400, str(err))
    if version not in (current, kept and asked):  # signed, of a version still on its way to this host
        return _not_here_yet()
    if etag in request.headers.get("if-none-match", ""):  # as the API compares it
        return Response(status_code=304, headers=headers)
    try:
        if kept:
            body = await run_in_threadpool(make_kept_file, kept, asked, spec)
        else:
            body = await run_in_threadpool(make_file, spec)
    except links.BadLink as err:
        return _refused(400, str(err))
    except Exception:  # a view that cannot be made from these arguments: said in the log, not to the visitor
        log.exception("download %s: de link kon niet worden gemaakt", file_name)
        return _refused(400, "het bestand kon niet worden gemaakt uit deze link")
    media_type = links.MEDIA_TYPES[file_name.rsplit(".", 1)[1]]
    disposition = {"Content-Disposition": f'attachment; filename="{file_name}"'}
    return Response(body, media_type=media_type, headers=headers | disposition)


ROUTES = [Route(ROUTE + "/{name}", download)]


def main() -> None:
    """The child of make_kept_file: the spec on stdin, the file's bytes on stdout, from the data it was given."""
    from dashboard import cache

    if cache.version_tag() != sys.argv[1]:
        sys.exit(f"de bewaarde gegevens hebben versie {cache.version_tag()}, niet {sys.argv[1]}")
    sys.stdout.buffer.write(make_file(json.loads(sys.stdin.buffer.read())))


if __name__ == "__main__":
    main()
