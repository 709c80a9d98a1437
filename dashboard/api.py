"""Open data API, served by the dashboard's own process (serve.py adds `ROUTES` to the st.App).

    GET /api/v1                   the endpoints, their parameters and allowed values, the dataset version
    GET /api/v1/indicators        the figures, filtered as the pages filter them (dashboard.data.query)
    GET /api/v1/sources           the source register
    GET /api/v1/regions           regions with their codes
    GET /api/v1/onderwijsregios   onderwijsregio's with their gemeenten per sector
    GET /api/v1/openapi.json      OpenAPI 3.1, generated from the parameter definitions below (dashboard.web.openapi)
    GET /api/v1/docs              the same as a readable Dutch page (plain HTML, works offline)
    GET /api/v1/datapackage.json  Frictionless data package (dashboard.data.datapackage) of the files under data/
    GET /api/v1/data/BESTAND      one CSV file of the data package; GET /api/v1/dataset.zip: all of it in one zip
    GET /api/v1/releases          what every build and import changed, newest first; releases.atom as a feed

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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, request_response
from starlette.types import Receive, Scope, Send

if TYPE_CHECKING:
    import pandas as pd

    from dashboard.data.published import Snapshot

PREFIX = "/api/v1"
CACHE_CONTROL = "public, max-age=300"
MAX_QUERY_LENGTH = 4000  # characters of the query string; the longest useful query is far shorter
FILE_STEM = {
    "indicators": "indicatoren",
    "sources": "bronnen",
    "regions": "regios",
    "onderwijsregios": "onderwijsregios",
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


def weak_etag(version: str, request: Request) -> str:
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


@dataclass(frozen=True)
class Param:
    """One query parameter of a table endpoint. The views validate with it and the OpenAPI document is generated
    from it (dashboard.web.openapi), so the two cannot drift apart."""

    name: str
    description: str
    allowed: tuple[str, ...]
    repeatable: bool = True
    default: str | None = None
    form: str | None = None  # the shape a value must have (checked before the allowed values)
    example: str | None = None


def _sources(snap: Snapshot) -> pd.DataFrame:
    """The source register with licence ('onbekend' where own data has none) and `herverdeelbaar`."""
    from dashboard.data.licences import with_redistribution

    return with_redistribution(snap.tables["sources"])


_parameters: dict[str, dict[str, tuple[Param, ...]]] = {}  # per dataset version (a content hash): 2 at most
_kept: dict[str, dict[str, Path]] = {}  # per current dataset version
VERSION_PARAM = "versie"
VERSIONED = ("indicators", "sources", "regions", "onderwijsregios", "datapackage", "zip", "data")


def parameters(snap: Snapshot) -> dict[str, tuple[Param, ...]]:
    """Per table endpoint its parameters with the values it accepts: the contract's closed lists, the data's open
    ones (the same functions the validation uses). Made once per dataset version."""
    found = _parameters.get(snap.version)
    if found is None:  # a local first: another thread may clear the dict meanwhile
        found = _make_parameters(snap)
        if len(_parameters) >= 2:
            _parameters.clear()
        _parameters[snap.version] = found
    return found


def _make_parameters(snap: Snapshot) -> dict[str, tuple[Param, ...]]:
    from dashboard.data.contract import COLUMN_DOCS
    from dashboard.data.query import FILTERS, FORMATS, PEILDATUM_HELP, REGION_CODE_HELP, allowed_values

    def fmt(default: str = "csv") -> Param:
        return Param(
            "format",
            f"formaat van het antwoord: csv, json of parquet (standaard {default})",
            FORMATS,
            repeatable=False,
            default=default,
            example="json",
        )

    regions = snap.tables["regions"]
    allowed = allowed_values(snap.tables["indicators"], regions)
    forms = {"region_code": REGION_CODE_HELP, "peildatum": PEILDATUM_HELP}
    examples = {
        "indicator": "tekort_pct",
        "sector": "po",
        "geo_level": "arbeidsmarktregio",
        "region_code": "AM09",
        "peildatum": "2023-10-01",
        "kind": "meting",
    }
    filters = tuple(
        Param(
            name,
            COLUMN_DOCS[name],
            tuple(allowed[name]),
            form=forms.get(name),
            example=examples.get(name) if examples.get(name) in allowed[name] else None,
        )
        for name in FILTERS
    )
    definition = onderwijsregio_rows(snap)
    versie = version_param(snap)
    return {
        name: (*spec, versie)
        for name, spec in {
            "indicators": (*filters, fmt()),
            "sources": (
                Param("source_id", COLUMN_DOCS["source_id"], tuple(sorted(snap.tables["sources"]["source_id"]))),
                fmt(),
            ),
            "regions": (
                Param("geo_level", COLUMN_DOCS["geo_level"], tuple(sorted(regions["geo_level"].unique()))),
                Param(
                    "region_code",
                    COLUMN_DOCS["region_code"],
                    tuple(sorted(regions["region_code"])),
                    form=REGION_CODE_HELP,
                ),
                fmt(),
            ),
            "onderwijsregios": (
                Param("sector", COLUMN_DOCS["sector"], tuple(sorted(definition["sector"].unique()))),
                Param(
                    "onderwijsregio",
                    COLUMN_DOCS["onderwijsregio"],
                    tuple(sorted(definition["onderwijsregio"].unique())),
                ),
                fmt("json"),
            ),
        }.items()
    }


def kept_versions(current: Snapshot) -> dict[str, Path]:
    """Version -> folder of own tables, for every state ?versie= can fetch (made once per current version)."""
    from dashboard.data import load, published

    found = _kept.get(current.version)
    if found is None:
        found = published.kept_versions(published.DATA_DIR, load.EIGEN_DIR)
        _kept.clear()
        _kept[current.version] = found
    return found


def version_param(current: Snapshot) -> Param:
    return Param(
        VERSION_PARAM,
        "datasetversie om op te halen, voor reproduceerbaarheid: de huidige, of die van een "
        "bewaarde generatie eigen data op deze server (X-Dataset-Version van een eerder antwoord, of versie "
        "in /api/v1/releases); zonder: de huidige",
        tuple(sorted(kept_versions(current))),
        repeatable=False,
        form="16 hexadecimale tekens",
    )


def at_version(values: list[str], current: Snapshot) -> Snapshot:
    """The snapshot of the asked version (the current one, or a kept generation's), or QueryError."""
    from dashboard.data import published
    from dashboard.data.query import QueryError

    kept = kept_versions(current)
    if len(values) != 1:
        raise QueryError(VERSION_PARAM, f"Geef '{VERSION_PARAM}' hooguit één keer.", sorted(kept))
    wanted = values[0].strip()
    if wanted == current.version:
        return current
    if wanted not in kept:
        raise QueryError(
            VERSION_PARAM, f"Versie '{wanted[:100]}' is niet (meer) beschikbaar op deze server.", sorted(kept)
        )
    return published.read_folder(published.DATA_DIR, kept[wanted])


def _validated(params: dict[str, list[str]], spec: tuple[Param, ...]) -> tuple[dict[str, tuple[str, ...]], str]:
    """(chosen values per filter, format), or QueryError for the first parameter that is not as `spec` says."""
    from dashboard.data.query import check_format, check_params, check_values

    check_params(params, [p.name for p in spec if p.name != VERSION_PARAM])  # `handle` took versie out
    filters = {
        p.name: check_values(p.name, [v.strip() for v in params.get(p.name, [])], list(p.allowed))
        for p in spec
        if p.name not in ("format", VERSION_PARAM)
    }
    fmt = next(p for p in spec if p.name == "format")
    return filters, check_format(params, default=fmt.default or "csv")


def _filtered(rows: pd.DataFrame, chosen: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    for column, wanted in chosen.items():
        if wanted:
            rows = rows[rows[column].isin(wanted)]
    return rows


# Each endpoint: (snapshot, params) -> (frame or None, format, JSON body). Pure apart from the snapshot.
def indicators_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    from dashboard.data.query import Query, query_rows

    chosen, fmt = _validated(params, parameters(snap)["indicators"])
    query = Query(**chosen, format=fmt)
    rows = query_rows(snap.tables["indicators"], query)
    sources = _sources(snap)
    used = sources[sources["source_id"].isin(rows["source_id"].unique())]
    body = {"query": query.filters(), "aantal": len(rows), "rijen": _records(rows), "bronnen": _records(used)}
    return rows, query.format, body


def sources_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    chosen, fmt = _validated(params, parameters(snap)["sources"])
    rows = _filtered(_sources(snap), chosen)
    return rows, fmt, {"aantal": len(rows), "bronnen": _records(rows)}


def regions_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    chosen, fmt = _validated(params, parameters(snap)["regions"])
    rows = _filtered(snap.tables["regions"], chosen)
    return rows, fmt, {"aantal": len(rows), "regios": _records(rows)}


def onderwijsregio_rows(snap: Snapshot) -> pd.DataFrame:
    """One row per (onderwijsregio, sector, gemeente) with the region's metadata and the gemeente's name."""
    definition = snap.tables["onderwijsregio_gemeenten"]
    meta = snap.tables["onderwijsregios"][["onderwijsregio", "onderwijsregio_code", "status", "source_ids"]]
    names = snap.tables["regions"].set_index("region_code")["region_name"]
    rows = definition.merge(meta, on="onderwijsregio", how="left").fillna({"onderwijsregio_code": "", "status": ""})
    rows = rows.fillna({"source_ids": ""}).assign(gemeentenaam=rows["gemeentecode"].map(names).fillna(""))
    columns = [
        "onderwijsregio",
        "onderwijsregio_code",
        "status",
        "sector",
        "gemeentecode",
        "gemeentenaam",
        "reliability",
        "source_ids",
    ]
    return rows[columns].sort_values(["onderwijsregio", "sector", "gemeentecode"]).reset_index(drop=True)


def onderwijsregios_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    chosen, fmt = _validated(params, parameters(snap)["onderwijsregios"])
    rows = _filtered(onderwijsregio_rows(snap), chosen)
    regios = []
    for name, group in rows.groupby("onderwijsregio", sort=True):
        first = group.iloc[0]
        regios.append(
            {
                "onderwijsregio": name,
                "onderwijsregio_code": first["onderwijsregio_code"] or None,
                "status": first["status"] or None,
                "bron_ids": [s for s in first["source_ids"].split(";") if s],
                "gemeenten": {
                    sector: _records(part[["gemeentecode", "gemeentenaam", "reliability"]])
                    for sector, part in group.groupby("sector", sort=True)
                },
            }
        )
    indeling = "eigen indeling (geïmporteerd)" if snap.own_definition else "meegeleverde benadering (regioloketten)"
    body = {"indeling": indeling, "aantal": len(regios), "onderwijsregios": regios}
    return rows, fmt, body


VIEWS: dict[str, Callable[[Any, dict[str, list[str]]], tuple[Any, str, dict[str, object]]]] = {
    "indicators": indicators_view,
    "sources": sources_view,
    "regions": regions_view,
    "onderwijsregios": onderwijsregios_view,
}
VIEW_DESCRIPTIONS = {
    "indicators": "de cijfers (lange tabel van het datacontract); elke parameter mag herhaald worden "
    "(?sector=po&sector=vo); zonder parameter: alles",
    "sources": "het bronnenregister, met per bron de licentie en of de cijfers herverdeeld mogen worden "
    "(herverdeelbaar: ja/nee)",
    "regions": "gebieden met CBS-codes (land, provincie, arbeidsmarktregio, gemeente) en de indeling van gemeenten",
    "onderwijsregios": "onderwijsregio's met hun gemeenten per sector (JSON genest; CSV en Parquet één rij per "
    "onderwijsregio, sector en gemeente)",
}
FORMAT_DESCRIPTIONS = {
    "csv": "puntkomma-gescheiden, decimale komma, UTF-8 met BOM; cellen die Excel als formule zou uitvoeren "
    "beginnen met een apostrof (zoals de CSV-downloads van het dashboard)",
    "json": "rijen als objecten; ontbrekende getallen als null",
    "parquet": "Apache Parquet met de kolomtypen van het datacontract",
}
VERSION_HELP = (
    "sha256 (16 tekens) over de inhoud van data/*.parquet en de eigen imports op deze server; verandert "
    "alleen als de data verandert"
)
# Documents: path below PREFIX -> what it is (Dutch). Each is served by DOCUMENTS[name] below.
DOCUMENT_PATHS = {
    "openapi": ("openapi.json", "OpenAPI 3.1-beschrijving van deze API (machineleesbaar)"),
    "docs": ("docs", "documentatie van deze API (HTML, leesbaar zonder internet)"),
    "datapackage": (
        "datapackage.json",
        "Frictionless datapakket: tabelschema's, sleutels en licenties van de bestanden onder data/",
    ),
    "zip": ("dataset.zip", "de hele dataset in één zip: de CSV-bestanden en datapackage.json"),
    "releases": (
        "releases",
        "wat elke build en import veranderde (nieuwe peildata, gewijzigde waarden, nieuwe bronnen), nieuwste eerst",
    ),
    "atom": ("releases.atom", "dezelfde releases als Atom-feed, om op te abonneren"),
}


def describe(snap: Snapshot) -> dict[str, object]:
    """The index: endpoints, parameters with allowed values, formats, limits, the dataset version."""
    from dashboard.data.query import MAX_REPEATS, MAX_VALUE_LENGTH

    def param(p: Param) -> dict[str, object]:
        out: dict[str, object] = {"herhaalbaar": p.repeatable}
        if p.form:
            out["vorm"] = p.form
        out["toegestaan"] = f"{PREFIX}/regions" if p.name == "region_code" else list(p.allowed)
        if p.default:
            out["standaard"] = p.default
        return out

    specs = parameters(snap)
    versie = version_param(snap)
    return {
        "naam": "Lerarentekort in beeld: open data",
        "dataset_version": snap.version,
        "dataset_version_uitleg": VERSION_HELP,
        "formaten": FORMAT_DESCRIPTIONS,
        "limieten": {
            "herhalingen_per_parameter": MAX_REPEATS,
            "tekens_per_waarde": MAX_VALUE_LENGTH,
            "tekens_zoekvraag": MAX_QUERY_LENGTH,
        },
        "endpoints": [
            {"pad": PREFIX, "beschrijving": "deze beschrijving", "parameters": {}},
            *(
                {
                    "pad": f"{PREFIX}/{name}",
                    "beschrijving": VIEW_DESCRIPTIONS[name],
                    "parameters": {p.name: param(p) for p in spec},
                }
                for name, spec in specs.items()
            ),
            *(
                {
                    "pad": f"{PREFIX}/{path}",
                    "beschrijving": text,
                    "parameters": {VERSION_PARAM: param(versie)} if name in VERSIONED else {},
                }
                for name, (path, text) in DOCUMENT_PATHS.items()
            ),
            {
                "pad": f"{PREFIX}/data/{{bestand}}",
                "beschrijving": "één CSV-bestand van het datapakket",
                "parameters": {VERSION_PARAM: param(versie)},
            },
        ],
    }


def _error(status: int, body: dict[str, object], version: str | None) -> JSONResponse:
    headers = {"Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"}
    if status == 405:
        headers["Allow"] = "GET, HEAD"
    if version:
        headers["X-Dataset-Version"] = version
        body = {**body, "dataset_version": version}
    return JSONResponse(body, status_code=status, headers=headers)


def _no_params(params: dict[str, list[str]]) -> None:
    from dashboard.data.query import QueryError

    if params:
        raise QueryError(next(iter(params)), "Deze pagina heeft geen parameters.", [])


# Documents: (snapshot, request) -> (body, media type, extra headers). The caller adds version, cache and ETag.
def openapi_document(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    import json

    from dashboard.web.openapi import document

    text = json.dumps(document(parameters(snap), snap.version, version_param(snap)), ensure_ascii=False, indent=1)
    return text.encode(), "application/json", {}


def docs_page(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.web.api_docs import html
    from dashboard.web.openapi import document

    page = html(document(parameters(snap), snap.version, version_param(snap)))
    return page.encode(), "text/html; charset=utf-8", {}


def datapackage_document(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    import json

    from dashboard.data.datapackage import descriptor

    text = json.dumps(descriptor(snap.tables, snap.version), ensure_ascii=False, indent=1)
    return text.encode(), "application/json", {}


def dataset_zip(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.data.datapackage import zip_bytes

    disposition = {"Content-Disposition": 'attachment; filename="lerarentekort_datapakket.zip"'}
    return zip_bytes(snap.tables, snap.version), "application/zip", disposition


def data_file(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.data.datapackage import FOLDER, files
    from dashboard.data.export import CSV_MEDIA_TYPE

    name = request.path_params.get("bestand", "")
    found = files(snap.tables).get(f"{FOLDER}/{name}")
    if found is None:
        raise ApiError(
            404, {"fout": f"Onbekend bestand '{name[:100]}'.", "parameter": None, "toegestaan": data_file_names()}
        )
    return found, CSV_MEDIA_TYPE, {"Content-Disposition": f'inline; filename="{name}"'}


def data_file_names() -> list[str]:
    from dashboard.data.datapackage import RESOURCES

    return [r.file for r in RESOURCES]


def releases_list(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    import json

    from dashboard.data.releases import all_releases

    found = all_releases()
    body = {"dataset_version": snap.version, "aantal": len(found), "releases": found}
    return json.dumps(body, ensure_ascii=False).encode(), "application/json", {}


def releases_feed(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.data.releases import all_releases
    from dashboard.web.feed import MEDIA_TYPE, atom

    base = str(request.base_url).rstrip("/")
    return atom(all_releases(), f"{base}{PREFIX}/releases.atom", f"{base}{PREFIX}/releases"), MEDIA_TYPE, {}


DOCUMENTS: dict[str, Callable[[Any, Request], tuple[bytes, str, dict[str, str]]]] = {
    "openapi": openapi_document,
    "docs": docs_page,
    "datapackage": datapackage_document,
    "zip": dataset_zip,
    "data": data_file,
    "releases": releases_list,
    "atom": releases_feed,
}


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
        if name in VERSIONED and VERSION_PARAM in params:
            snap = at_version(params.pop(VERSION_PARAM), snap)
            version = snap.version
        etag = weak_etag(version, request)
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=_headers(version, etag))
        if name is None:
            _no_params(params)
            return JSONResponse(describe(snap), headers=_headers(version, etag))
        if name in DOCUMENTS:
            _no_params(params)
            body, media_type, extra = DOCUMENTS[name](snap, request)
            return Response(body, media_type=media_type, headers=_headers(version, etag) | extra)
        frame, fmt, body = VIEWS[name](snap, params)
        return _table_response(frame, fmt, name, {"dataset_version": version, **body}, _headers(version, etag))
    except QueryError as error:
        return _error(400, error.as_json(), version)
    except ApiError as error:
        return _error(error.status, error.body, version)
    except Exception:  # never a traceback to the caller; the server log has it
        log.exception("API-fout bij %s", request.url.path)
        return _error(500, {"fout": "Er ging iets mis op de server; probeer het later opnieuw."}, version)


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
        f"{PREFIX}/data/{{bestand}}",
    ]


def not_found(request: Request) -> Response:
    return _error(
        404, {"fout": f"Onbekend pad '{request.url.path[:200]}'.", "parameter": None, "toegestaan": paths()}, None
    )


ROUTES: list[Route] = [
    Route(PREFIX, _endpoint(None)),
    Route(f"{PREFIX}/", _endpoint(None)),
    *(Route(f"{PREFIX}/{name}", _endpoint(name)) for name in VIEWS),
    *(Route(f"{PREFIX}/{path}", _endpoint(name)) for name, (path, _) in DOCUMENT_PATHS.items()),
    Route(f"{PREFIX}/data/{{bestand}}", _endpoint("data")),
    Route("/api/{rest:path}", _App(not_found)),  # else Streamlit's page router answers with the app
]
