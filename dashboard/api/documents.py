"""The API's documents, the pages that take no parameters: the index (GET /api/v1, `describe`), the OpenAPI
description and its HTML page, the data package (datapackage.json, the zip, one CSV file) and the releases (JSON
and Atom). `DOCUMENTS` maps a name of spec.DOCUMENT_PATHS (and "data") to the function that makes it.

Each function gives (body, media type, extra headers) and leaves version, cache and ETag to dashboard.api.routes.
Light to import: the data layer and the generators in dashboard.web are imported on the first request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from dashboard.api.http import ApiError
from dashboard.api.params import parameters, version_param
from dashboard.api.spec import (
    DATA_FILE_PATH,
    DOCUMENT_PATHS,
    FORMAT_DESCRIPTIONS,
    MAX_QUERY_LENGTH,
    PREFIX,
    TITLE,
    VERSION_HELP,
    VERSION_PARAM,
    VERSIONED,
    VIEW_DESCRIPTIONS,
    Param,
)

if TYPE_CHECKING:
    from dashboard.data.publish.published import Snapshot


def describe(snap: Snapshot) -> dict[str, object]:
    """The index: endpoints, parameters with allowed values, formats, limits, the dataset version."""
    from dashboard.data.publish.query import MAX_REPEATS, MAX_VALUE_LENGTH

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
        "naam": TITLE,
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
                "pad": DATA_FILE_PATH,
                "beschrijving": "één CSV-bestand van het datapakket",
                "parameters": {VERSION_PARAM: param(versie)},
            },
        ],
    }


# Documents: (snapshot, request) -> (body, media type, extra headers). The caller adds version, cache and ETag.
def openapi_document(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    import json

    from dashboard.api.openapi import document

    text = json.dumps(document(parameters(snap), snap.version, version_param(snap)), ensure_ascii=False, indent=1)
    return text.encode(), "application/json", {}


def docs_page(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.api.html_docs import html
    from dashboard.api.openapi import document

    page = html(document(parameters(snap), snap.version, version_param(snap)))
    return page.encode(), "text/html; charset=utf-8", {}


def datapackage_document(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    import json

    from dashboard.data.publish.datapackage import descriptor

    text = json.dumps(descriptor(snap.tables, snap.version), ensure_ascii=False, indent=1)
    return text.encode(), "application/json", {}


def dataset_zip(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.data.publish.datapackage import zip_bytes

    disposition = {"Content-Disposition": 'attachment; filename="lerarentekort_datapakket.zip"'}
    return zip_bytes(snap.tables, snap.version), "application/zip", disposition


def data_file(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.data.publish.datapackage import FOLDER, files
    from dashboard.data.publish.export import CSV_MEDIA_TYPE

    name = request.path_params.get("bestand", "")
    found = files(snap.tables).get(f"{FOLDER}/{name}")
    if found is None:
        raise ApiError(
            404, {"fout": f"Onbekend bestand '{name[:100]}'.", "parameter": None, "toegestaan": data_file_names()}
        )
    return found, CSV_MEDIA_TYPE, {"Content-Disposition": f'inline; filename="{name}"'}


def data_file_names() -> list[str]:
    from dashboard.data.publish.datapackage import RESOURCES

    return [r.file for r in RESOURCES]


def releases_list(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    import json

    from dashboard.data.publish.releases import all_releases

    found = all_releases()
    body = {"dataset_version": snap.version, "aantal": len(found), "releases": found}
    return json.dumps(body, ensure_ascii=False).encode(), "application/json", {}


def releases_feed(snap: Snapshot, request: Request) -> tuple[bytes, str, dict[str, str]]:
    from dashboard.api.feed import MEDIA_TYPE, atom
    from dashboard.data.publish.releases import all_releases

    base = f"{str(request.base_url).rstrip('/')}{PREFIX}"
    feed = atom(all_releases(), f"{base}/{DOCUMENT_PATHS['atom'][0]}", f"{base}/{DOCUMENT_PATHS['releases'][0]}")
    return feed, MEDIA_TYPE, {}


DOCUMENTS: dict[str, Callable[[Any, Request], tuple[bytes, str, dict[str, str]]]] = {
    "openapi": openapi_document,
    "docs": docs_page,
    "datapackage": datapackage_document,
    "zip": dataset_zip,
    "data": data_file,
    "releases": releases_list,
    "atom": releases_feed,
}
