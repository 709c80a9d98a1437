"""The API's Starlette routes (`ROUTES`, mounted by serve.py) and `handle`, which answers one request: the method,
the query string, the dataset version (?versie=), the ETag (304), then the index, a document or a table.

The top layer of dashboard.api: every failure of the layers below becomes a Dutch JSON answer here (400 for the
caller's mistakes, 404 for an unknown path or file, 405 for another method, 500 for ours, never a traceback).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, request_response
from starlette.types import Receive, Scope, Send

from dashboard.api.documents import DOCUMENTS, describe
from dashboard.api.http import ApiError, error, ok_headers, query_params, table_response, weak_etag
from dashboard.api.params import at_version, no_params
from dashboard.api.spec import DATA_FILE_PATH, DOCUMENT_PATHS, PREFIX, VERSION_PARAM, VERSIONED
from dashboard.api.tables import VIEWS

log = logging.getLogger("dashboard.api")


def handle(request: Request, name: str | None) -> Response:
    """One request, every failure mapped to a Dutch JSON answer (400 for the caller's mistakes, 500 for ours)."""
    from dashboard.cache import snapshot
    from dashboard.data.publish.query import QueryError

    version = None
    try:
        if request.method not in ("GET", "HEAD"):
            raise ApiError(405, {"fout": f"Methode {request.method} wordt niet ondersteund; gebruik GET."})
        params = query_params(request)
        snap = snapshot()
        version = snap.version
        if name in VERSIONED and VERSION_PARAM in params:
            snap = at_version(params.pop(VERSION_PARAM), snap)
            version = snap.version
        etag = weak_etag(version, request)
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=ok_headers(version, etag))
        if name is None:
            no_params(params)
            return JSONResponse(describe(snap), headers=ok_headers(version, etag))
        if name in DOCUMENTS:
            no_params(params)
            body, media_type, extra = DOCUMENTS[name](snap, request)
            return Response(body, media_type=media_type, headers=ok_headers(version, etag) | extra)
        frame, fmt, body = VIEWS[name](snap, params)
        return table_response(frame, fmt, name, {"dataset_version": version, **body}, ok_headers(version, etag))
    except QueryError as failure:
        return error(400, failure.as_json(), version)
    except ApiError as failure:
        return error(failure.status, failure.body, version)
    except Exception:  # never a traceback to the caller; the server log has it
        log.exception("API-fout bij %s", request.url.path)
        return error(500, {"fout": "Er ging iets mis op de server; probeer het later opnieuw."}, version)


class _App:
    """An ASGI app around a sync handler. As an app (not a function) its Route takes every method, so any other than
    GET or HEAD (also OPTIONS, TRACE or one made up) gets the Dutch 405 from `handle` instead of Starlette's plain
    text. Starlette runs the handler in its thread pool, so pandas work never blocks the event loop."""

    def __init__(self, handler: Callable[[Request], Response]) -> None:
        self.app = request_response(handler)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def _endpoint(name: str | None) -> _App:
    return _App(lambda request: handle(request, name))


def paths() -> list[str]:
    """Every path of the API (the data files as one pattern)."""
    return [
        PREFIX,
        *(f"{PREFIX}/{name}" for name in VIEWS),
        *(f"{PREFIX}/{p}" for p, _ in DOCUMENT_PATHS.values()),
        DATA_FILE_PATH,
    ]


def not_found(request: Request) -> Response:
    return error(
        404, {"fout": f"Onbekend pad '{request.url.path[:200]}'.", "parameter": None, "toegestaan": paths()}, None
    )


ROUTES: list[Route] = [
    Route(PREFIX, _endpoint(None)),
    Route(f"{PREFIX}/", _endpoint(None)),
    *(Route(f"{PREFIX}/{name}", _endpoint(name)) for name in VIEWS),
    *(Route(f"{PREFIX}/{path}", _endpoint(name)) for name, (path, _) in DOCUMENT_PATHS.items()),
    Route(DATA_FILE_PATH, _endpoint("data")),
    Route("/api/{rest:path}", _App(not_found)),  # else Streamlit's page router answers with the app
]
