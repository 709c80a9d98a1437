"""Open data API, served by the dashboard's own process (serve.py adds `ROUTES` to the st.App).

    GET /api/v1                   the endpoints, their parameters and allowed values, the dataset version
    GET /api/v1/indicators        the figures, filtered as the pages filter them (dashboard.data.query)
    GET /api/v1/sources           the source register
    GET /api/v1/regions           regions with their codes
    GET /api/v1/onderwijsregios   onderwijsregio's with their gemeenten per sector

Tables come as CSV (the same bytes as the page downloads: `;`, decimal comma, UTF-8 with BOM, formula cells
neutralised), JSON or Parquet. Every answer carries the dataset version (X-Dataset-Version, ETag) and may be
cached for 5 minutes. Bad input gets HTTP 400 with a Dutch JSON body naming the parameter and the allowed
values; an unexpected error a Dutch 500 body, never a traceback.

This module stays light to import (serve.py imports it before the server answers): pandas and the data layer
are imported on the first request.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    import pandas as pd

    from dashboard.data.published import Snapshot

PREFIX = "/api/v1"
CACHE_CONTROL = "public, max-age=300"
MAX_QUERY_LENGTH = 4000  # characters of the query string; the longest useful query is far shorter
FILE_STEM = {
    "indicators": "indicatoren", "sources": "bronnen", "regions": "regios", "onderwijsregios": "onderwijsregios"
}

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, object]) -> None:
        super().__init__(body.get("fout"))
        self.status = status
        self.body = body


def _params(request: Request) -> dict[str, list[str]]:
    if len(request.url.query) > MAX_QUERY_LENGTH:
        raise ApiError(400, {"fout": f"De zoekvraag is langer dan {MAX_QUERY_LENGTH} tekens.", "parameter": None})
    params: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        params.setdefault(name, []).append(value)
    return params


def _etag(version: str, request: Request) -> str:
    """Weak: the same version and query give the same content (gzip by the server may change the bytes)."""
    query = hashlib.sha256(f"{request.url.path}?{request.url.query}".encode()).hexdigest()[:12]
    return f'W/"{version}-{query}"'


def _headers(version: str, etag: str | None = None) -> dict[str, str]:
    headers = {"X-Dataset-Version": version, "Cache-Control": CACHE_CONTROL, "Access-Control-Allow-Origin": "*"}
    if etag:
        headers["ETag"] = etag
    return headers


def _table_response(frame: pd.DataFrame, fmt: str, name: str, json_body: dict[str, object], headers: dict) -> Response:
    from dashboard.data import export

    if fmt == "json":
        return JSONResponse(json_body, headers=headers)
    if fmt == "parquet":
        disposition = {"Content-Disposition": f'attachment; filename="{FILE_STEM[name]}.parquet"'}
        data = export.parquet_bytes(frame)
        return Response(data, media_type=export.PARQUET_MEDIA_TYPE, headers=headers | disposition)
    disposition = {"Content-Disposition": f'inline; filename="{FILE_STEM[name]}.csv"'}
    return Response(export.safe_csv(frame), media_type=export.CSV_MEDIA_TYPE, headers=headers | disposition)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    from dashboard.data.export import json_records

    return json_records(frame)


# Each endpoint: (snapshot, params) -> (frame or None, format, JSON body). Pure apart from the snapshot.
def indicators_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    from dashboard.data.query import query_rows, validate_query

    query = validate_query(params, snap.tables["indicators"], snap.tables["regions"])
    rows = query_rows(snap.tables["indicators"], query)
    sources = snap.tables["sources"]
    used = sources[sources["source_id"].isin(rows["source_id"].unique())]
    body = {"query": query.filters(), "aantal": len(rows), "rijen": _records(rows), "bronnen": _records(used)}
    return rows, query.format, body


def sources_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    from dashboard.data.query import check_format, check_params, check_values

    check_params(params, ("source_id", "format"))
    sources = snap.tables["sources"]
    wanted = check_values("source_id", params.get("source_id", []), sorted(sources["source_id"]))
    rows = sources[sources["source_id"].isin(wanted)] if wanted else sources
    return rows, check_format(params), {"aantal": len(rows), "bronnen": _records(rows)}


def regions_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    from dashboard.data.query import check_format, check_params, check_values

    check_params(params, ("geo_level", "region_code", "format"))
    regions = snap.tables["regions"]
    rows = regions
    for column in ("geo_level", "region_code"):
        wanted = check_values(column, params.get(column, []), sorted(regions[column].unique()))
        if wanted:
            rows = rows[rows[column].isin(wanted)]
    return rows, check_format(params), {"aantal": len(rows), "regios": _records(rows)}


def onderwijsregio_rows(snap: Snapshot) -> pd.DataFrame:
    """One row per (onderwijsregio, sector, gemeente) with the region's metadata and the gemeente's name."""
    definition = snap.tables["onderwijsregio_gemeenten"]
    meta = snap.tables["onderwijsregios"][["onderwijsregio", "onderwijsregio_code", "status", "source_ids"]]
    names = snap.tables["regions"].set_index("region_code")["region_name"]
    rows = definition.merge(meta, on="onderwijsregio", how="left").fillna({"onderwijsregio_code": "", "status": ""})
    rows = rows.fillna({"source_ids": ""}).assign(gemeentenaam=rows["gemeentecode"].map(names).fillna(""))
    columns = ["onderwijsregio", "onderwijsregio_code", "status", "sector", "gemeentecode", "gemeentenaam",
               "reliability", "source_ids"]
    return rows[columns].sort_values(["onderwijsregio", "sector", "gemeentecode"]).reset_index(drop=True)


def onderwijsregios_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    from dashboard.data.query import check_format, check_params, check_values

    check_params(params, ("sector", "onderwijsregio", "format"))
    rows = onderwijsregio_rows(snap)
    for column in ("sector", "onderwijsregio"):
        wanted = check_values(column, params.get(column, []), sorted(rows[column].unique()))
        if wanted:
            rows = rows[rows[column].isin(wanted)]
    regios = []
    for name, group in rows.groupby("onderwijsregio", sort=True):
        first = group.iloc[0]
        regios.append({
            "onderwijsregio": name,
            "onderwijsregio_code": first["onderwijsregio_code"] or None,
            "status": first["status"] or None,
            "bron_ids": [s for s in first["source_ids"].split(";") if s],
            "gemeenten": {
                sector: _records(part[["gemeentecode", "gemeentenaam", "reliability"]])
                for sector, part in group.groupby("sector", sort=True)
            },
        })
    indeling = "eigen indeling (geïmporteerd)" if snap.own_definition else "meegeleverde benadering (regioloketten)"
    body = {"indeling": indeling, "aantal": len(regios), "onderwijsregios": regios}
    return rows, check_format(params, default="json"), body


VIEWS: dict[str, Callable[[Any, dict[str, list[str]]], tuple[Any, str, dict[str, object]]]] = {
    "indicators": indicators_view,
    "sources": sources_view,
    "regions": regions_view,
    "onderwijsregios": onderwijsregios_view,
}


def describe(snap: Snapshot) -> dict[str, object]:
    """The index: endpoints, parameters with allowed values, formats, limits, the dataset version."""
    from dashboard.data.query import (
        FILTERS,
        FORMATS,
        MAX_REPEATS,
        MAX_VALUE_LENGTH,
        PEILDATUM_HELP,
        REGION_CODE_HELP,
        allowed_values,
    )

    allowed = allowed_values(snap.tables["indicators"], snap.tables["regions"])
    fmt = {"herhaalbaar": False, "toegestaan": list(FORMATS), "standaard": "csv"}
    filters: dict[str, object] = {
        name: {"herhaalbaar": True, "toegestaan": allowed[name]} for name in FILTERS if name != "region_code"
    }
    filters["region_code"] = {"herhaalbaar": True, "vorm": REGION_CODE_HELP, "toegestaan": f"{PREFIX}/regions"}
    filters["peildatum"] = {**filters["peildatum"], "vorm": PEILDATUM_HELP}  # type: ignore[dict-item]
    definition = onderwijsregio_rows(snap)
    source_ids = sorted(snap.tables["sources"]["source_id"])
    return {
        "naam": "Lerarentekort in beeld: open data",
        "dataset_version": snap.version,
        "dataset_version_uitleg": "sha256 (16 tekens) over de inhoud van data/*.parquet en de eigen imports op deze "
        "server; verandert alleen als de data verandert",
        "formaten": {
            "csv": "puntkomma-gescheiden, decimale komma, UTF-8 met BOM; cellen die Excel als formule zou uitvoeren "
            "beginnen met een apostrof (zoals de CSV-downloads van het dashboard)",
            "json": "rijen als objecten; ontbrekende getallen als null",
            "parquet": "Apache Parquet met de kolomtypen van het datacontract",
        },
        "limieten": {"herhalingen_per_parameter": MAX_REPEATS, "tekens_per_waarde": MAX_VALUE_LENGTH,
                     "tekens_zoekvraag": MAX_QUERY_LENGTH},
        "endpoints": [
            {"pad": PREFIX, "beschrijving": "deze beschrijving", "parameters": {}},
            {"pad": f"{PREFIX}/indicators", "beschrijving": "de cijfers (lange tabel van het datacontract); "
             "elke parameter mag herhaald worden (?sector=po&sector=vo); zonder parameter: alles",
             "parameters": {**filters, "format": fmt}},
            {"pad": f"{PREFIX}/sources", "beschrijving": "het bronnenregister",
             "parameters": {"source_id": {"herhaalbaar": True, "toegestaan": source_ids},
                            "format": fmt}},
            {"pad": f"{PREFIX}/regions", "beschrijving": "gebieden met CBS-codes (land, provincie, "
             "arbeidsmarktregio, gemeente) en de indeling van gemeenten",
             "parameters": {"geo_level": {"herhaalbaar": True,
                                          "toegestaan": sorted(snap.tables["regions"]["geo_level"].unique())},
                            "region_code": {"herhaalbaar": True, "vorm": REGION_CODE_HELP},
                            "format": fmt}},
            {"pad": f"{PREFIX}/onderwijsregios", "beschrijving": "onderwijsregio's met hun gemeenten per sector "
             "(JSON genest; CSV en Parquet één rij per onderwijsregio, sector en gemeente)",
             "parameters": {"sector": {"herhaalbaar": True, "toegestaan": sorted(definition["sector"].unique())},
                            "onderwijsregio": {"herhaalbaar": True,
                                               "toegestaan": sorted(definition["onderwijsregio"].unique())},
                            "format": {**fmt, "standaard": "json"}}},
        ],
    }


def _error(status: int, body: dict[str, object], version: str | None) -> JSONResponse:
    headers = {"Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"}
    if version:
        headers["X-Dataset-Version"] = version
        body = {**body, "dataset_version": version}
    return JSONResponse(body, status_code=status, headers=headers)


def handle(request: Request, name: str | None) -> Response:
    """One request, every failure mapped to a Dutch JSON answer (400 for the caller's mistakes, 500 for ours)."""
    from dashboard.cache import snapshot
    from dashboard.data.query import QueryError

    version = None
    try:
        if request.method not in ("GET", "HEAD"):
            raise ApiError(405, {"fout": f"Methode {request.method} wordt niet ondersteund; gebruik GET."})
        params = _params(request)
        snap = snapshot()
        version = snap.version
        etag = _etag(version, request)
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=_headers(version, etag))
        if name is None:
            if params:
                raise QueryError(next(iter(params)), "Deze pagina heeft geen parameters.", [])
            return JSONResponse(describe(snap), headers=_headers(version, etag))
        frame, fmt, body = VIEWS[name](snap, params)
        return _table_response(frame, fmt, name, {"dataset_version": version, **body}, _headers(version, etag))
    except QueryError as error:
        return _error(400, error.as_json(), version)
    except ApiError as error:
        return _error(error.status, error.body, version)
    except Exception:  # never a traceback to the caller; the server log has it
        log.exception("API-fout bij %s", request.url.path)
        return _error(500, {"fout": "Er ging iets mis op de server; probeer het later opnieuw."}, version)


def _endpoint(name: str | None) -> Callable[[Request], Response]:
    # Sync endpoints: Starlette runs them in its thread pool, so pandas work never blocks the event loop.
    def endpoint(request: Request) -> Response:
        return handle(request, name)

    return endpoint


def not_found(request: Request) -> Response:
    paths = [PREFIX, *(f"{PREFIX}/{name}" for name in VIEWS)]
    return _error(404, {"fout": f"Onbekend pad '{request.url.path[:200]}'.", "parameter": None, "toegestaan": paths},
                  None)


METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]  # others than GET get a Dutch 405, not Starlette's

ROUTES: list[Route] = [
    Route(PREFIX, _endpoint(None), methods=METHODS),
    Route(f"{PREFIX}/", _endpoint(None), methods=METHODS),
    *(Route(f"{PREFIX}/{name}", _endpoint(name), methods=METHODS) for name in VIEWS),
    Route("/api/{rest:path}", not_found, methods=METHODS),  # else Streamlit's page router answers with the app
]
