"""The HTTP envelope of every API answer: reading the query string, the Dutch error answer, the version, cache and
CORS headers with the weak ETag, and a table as CSV, JSON or Parquet.

Kept apart from what the endpoints compute, so each answer, good or bad, is wrapped the same way; the download
route (dashboard.web.download) uses the same ETag and cache lifetime. Light to import: pandas on the first table.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from dashboard.api.spec import FILE_STEM, MAX_QUERY_LENGTH

if TYPE_CHECKING:
    import pandas as pd

CACHE_CONTROL = "public, max-age=300"


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, object]) -> None:
        super().__init__(body.get("fout"))
        self.status = status
        self.body = body


def query_params(request: Request) -> dict[str, list[str]]:
    """Every value per parameter name, or ApiError (400) for a query string longer than MAX_QUERY_LENGTH."""
    if len(request.url.query) > MAX_QUERY_LENGTH:
        raise ApiError(400, {"fout": f"De zoekvraag is langer dan {MAX_QUERY_LENGTH} tekens.", "parameter": None})
    params: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        params.setdefault(name, []).append(value)
    return params


def weak_etag(version: str, request: Request) -> str:
    """Weak: the same version and query give the same content (gzip by the server may change the bytes)."""
    query = hashlib.sha256(f"{request.url.path}?{request.url.query}".encode()).hexdigest()[:12]
    return f'W/"{version}-{query}"'


def ok_headers(version: str, etag: str | None = None) -> dict[str, str]:
    """The headers of every good answer: dataset version, 5 minutes' caching, open to any origin, the ETag."""
    found = {"X-Dataset-Version": version, "Cache-Control": CACHE_CONTROL, "Access-Control-Allow-Origin": "*"}
    if etag:
        found["ETag"] = etag
    return found


def error(status: int, body: dict[str, object], version: str | None) -> JSONResponse:
    """A Dutch JSON error answer, never cached; with the dataset version once it is known."""
    found = {"Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"}
    if status == 405:
        found["Allow"] = "GET, HEAD"
    if version:
        found["X-Dataset-Version"] = version
        body = {**body, "dataset_version": version}
    return JSONResponse(body, status_code=status, headers=found)


def table_response(frame: pd.DataFrame, fmt: str, name: str, json_body: dict[str, object], headers: dict) -> Response:
    """Table endpoint `name` in format `fmt`: `json_body` as JSON, else `frame` as Parquet or the page-download CSV."""
    from dashboard.data.publish import export

    if fmt == "json":
        return JSONResponse(json_body, headers=headers)
    if fmt == "parquet":
        disposition = {"Content-Disposition": f'attachment; filename="{FILE_STEM[name]}.parquet"'}
        data = export.parquet_bytes(frame)
        return Response(data, media_type=export.PARQUET_MEDIA_TYPE, headers=headers | disposition)
    disposition = {"Content-Disposition": f'inline; filename="{FILE_STEM[name]}.csv"'}
    return Response(export.safe_csv(frame), media_type=export.CSV_MEDIA_TYPE, headers=headers | disposition)
