"""OpenAPI 3.1 description of the open data API, generated from the definitions the API validates with.

`document(parameters, version)` takes `dashboard.api.params.parameters(snapshot)` (per table endpoint its parameters
with the values they accept) and the row types of the data contract, so a parameter, an allowed value or a column
can not be in the API without being in the description, or the other way round. Pure: no server, no files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dashboard.api.spec import (
    DATA_FILE_PATH,
    DOCUMENT_PATHS,
    FORMAT_DESCRIPTIONS,
    MAX_QUERY_LENGTH,
    PREFIX,
    TITLE,
    VERSIONED,
    VIEW_DESCRIPTIONS,
    Param,
)
from dashboard.data.model.contract import COLUMN_DOCS, PUBLIC_DATE_COLUMNS, SCHEMAS, Column
from dashboard.data.model.sectors import SECTORS
from dashboard.data.publish.datapackage import RESOURCES, columns
from dashboard.data.publish.export import PARQUET_MEDIA_TYPE
from dashboard.data.publish.query import MAX_REPEATS, MAX_VALUE_LENGTH

TAG_TABLES, TAG_PACKAGE, TAG_RELEASES, TAG_ABOUT = "Tabellen", "Datapakket", "Releases", "Over de API"
JSON_TYPES = {"str": "string", "int": "integer", "float": "number"}
CSV = "text/csv"
ERROR_EXAMPLE = {
    "fout": "Onbekende waarde 'hbo' voor 'sector'.",
    "parameter": "sector",
    "toegestaan": sorted(SECTORS),
    "dataset_version": "0123456789abcdef",
}
TABLE_SUMMARIES = {
    "indicators": "De cijfers",
    "sources": "Het bronnenregister met licenties",
    "regions": "Gebieden met CBS-codes",
    "onderwijsregios": "Onderwijsregio's met hun gemeenten",
}
ROWS_KEY = {"indicators": "rijen", "sources": "bronnen", "regions": "regios"}
ROW_TABLE = {"indicators": "indicators", "sources": "sources", "regions": "regions"}


def _header(description: str, example: str | None = None) -> dict[str, object]:
    schema: dict[str, object] = {"type": "string"}
    if example:
        schema["examples"] = [example]
    return {"description": description, "schema": schema}


OK_HEADERS = {
    "X-Dataset-Version": {
        **_header("datasetversie: sha256 (16 tekens) over de data die de server levert", "0123456789abcdef"),
        "required": True,
    },
    "ETag": {
        **_header(
            "zwakke ETag van versie en vraag; stuur hem terug in If-None-Match voor een 304",
            'W/"0123456789abcdef-0123456789ab"',
        ),
        "required": True,
    },
    "Cache-Control": _header("mag 5 minuten bewaard worden", "public, max-age=300"),
    "Access-Control-Allow-Origin": _header("elke website mag de API aanroepen", "*"),
}
ERROR_HEADERS = {
    "Cache-Control": _header("foutantwoorden worden niet bewaard", "no-store"),
    "Access-Control-Allow-Origin": _header("elke website mag de API aanroepen", "*"),
    "X-Dataset-Version": _header("datasetversie (als de data gelezen kon worden)"),
}


def column_schema(column: Column) -> dict[str, object]:
    """JSON Schema of one contract column as the JSON rows give it (missing numbers as null)."""
    if column.kind != "str":
        kind = JSON_TYPES[column.kind]
        return {"type": kind if column.required else [kind, "null"]}
    schema: dict[str, object] = {"type": "string"}
    if column.allowed:
        schema["enum"] = list(column.allowed) + ([] if column.required else [""])
    return schema


def row_schema(table: str) -> dict[str, object]:
    """One JSON row of a table: the contract columns (and the derived licence columns of the data package)."""
    cols = columns(table) if table in {r.name for r in RESOURCES} else SCHEMAS[table].columns
    return {
        "type": "object",
        "required": [c.name for c in cols],
        "properties": {c.name: column_schema(c) for c in cols},
    }


def _table_rows(name: str) -> dict[str, object]:
    """Row schema of what a table endpoint lists (sources in its JSON include herverdeelbaar)."""
    table = ROW_TABLE[name]
    if name == "indicators":  # the rows are the contract's; the licence columns are in `bronnen`
        added = {
            "peildatum": {
                "type": "string",
                "pattern": r"^(\d{4}-\d{2}-\d{2})?$",
                "description": COLUMN_DOCS["peildatum"],
            },
            **{name: {"type": "string", "description": COLUMN_DOCS[name]} for name in PUBLIC_DATE_COLUMNS[1:]},
            "betrouwbaarheid": {"type": "string", "description": COLUMN_DOCS["betrouwbaarheid"]},
            "varianten": {"type": "integer", "minimum": 1, "description": COLUMN_DOCS["varianten"]},
        }
        return {
            "type": "object",
            "required": [*SCHEMAS[table].column_names, *PUBLIC_DATE_COLUMNS[1:], "betrouwbaarheid", "varianten"],
            "properties": {c.name: column_schema(c) for c in SCHEMAS[table].columns} | added,
        }
    return row_schema(table)


def json_body(name: str) -> dict[str, object]:
    base = {"dataset_version": {"type": "string"}, "aantal": {"type": "integer", "minimum": 0}}
    if name == "onderwijsregios":
        gemeente = {
            "type": "object",
            "required": ["gemeentecode", "gemeentenaam", "reliability", "betrouwbaarheid"],
            "properties": {
                "gemeentecode": {"type": "string"},
                "gemeentenaam": {"type": "string"},
                "reliability": column_schema(SCHEMAS["onderwijsregio_gemeenten"].columns[3]),
                "betrouwbaarheid": {"type": "string", "description": COLUMN_DOCS["betrouwbaarheid"]},
            },
        }
        regio = {
            "type": "object",
            "required": ["onderwijsregio", "onderwijsregio_code", "status", "bron_ids", "gemeenten"],
            "properties": {
                "onderwijsregio": {"type": "string"},
                "onderwijsregio_code": {"type": ["string", "null"]},
                "status": {"type": ["string", "null"]},
                "voorloper": {"type": "boolean"},
                "bron_ids": {"type": "array", "items": {"type": "string"}},
                "gemeenten": {"type": "object", "additionalProperties": {"type": "array", "items": gemeente}},
            },
        }
        properties = {
            **base,
            "indeling": {"type": "string"},
            "aantal_onderwijsregios": {"type": "integer", "minimum": 0},
            "telling": {"type": "string"},
            "onderwijsregios": {"type": "array", "items": regio},
        }
        return {"type": "object", "required": list(properties), "properties": properties}
    properties = {**base, ROWS_KEY[name]: {"type": "array", "items": _table_rows(name)}}
    if name == "indicators":
        properties["query"] = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
        properties["bronnen"] = {"type": "array", "items": row_schema("sources")}
    return {"type": "object", "required": list(properties), "properties": properties}


def parameter(param: Param) -> dict[str, object]:
    """A query parameter: repeatable ones as an exploded array of allowed values (?sector=po&sector=vo)."""
    value: dict[str, object] = {"type": "string", "enum": list(param.allowed)}
    if param.repeatable:
        schema: dict[str, object] = {"type": "array", "items": value, "maxItems": MAX_REPEATS}
    else:
        schema = {**value, **({"default": param.default} if param.default else {})}
    description = param.description + (f". Vorm: {param.form}" if param.form else "")
    if param.repeatable:
        description += f". Mag herhaald worden (hooguit {MAX_REPEATS} keer): één van de waarden"
    out: dict[str, object] = {
        "name": param.name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        "style": "form",
        "explode": True,
    }
    if param.example:
        out["example"] = [param.example] if param.repeatable else param.example
    return out


def _error_responses(*statuses: str) -> dict[str, object]:
    texts = {
        "400": "fout in de vraag: onbekende parameter of waarde, verkeerde vorm, te lang; de JSON noemt de "
        "parameter en de toegestane waarden",
        "404": "onbekend pad of bestand",
        "405": "een andere methode dan GET of HEAD",
        "500": "fout op de server (nooit een traceback)",
    }
    out: dict[str, object] = {}
    for status in statuses:
        content = {"schema": {"$ref": "#/components/schemas/Fout"}}
        if status == "400":
            content["example"] = ERROR_EXAMPLE
        out[status] = {"description": texts[status], "headers": ERROR_HEADERS, "content": {"application/json": content}}
    return out


def _not_modified() -> dict[str, object]:
    return {
        "description": "niet gewijzigd (If-None-Match gaf de ETag van dit antwoord)",
        "headers": {k: OK_HEADERS[k] for k in ("X-Dataset-Version", "ETag")},
    }


IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "de ETag van een eerder antwoord: is het nog hetzelfde, dan 304 zonder inhoud",
}


def operation(
    summary: str,
    description: str,
    tag: str,
    content: Mapping[str, object],
    params: Sequence[Mapping[str, object]] = (),
    extra_errors: Sequence[str] = (),
) -> dict[str, object]:
    responses: dict[str, object] = {
        "200": {"description": "gelukt", "headers": OK_HEADERS, "content": dict(content)},
        "304": _not_modified(),
        **_error_responses("400", *extra_errors, "405", "500"),
    }
    return {
        "get": {
            "summary": summary,
            "description": description,
            "tags": [tag],
            "operationId": _operation_id(summary),
            "parameters": [*params, IF_NONE_MATCH],
            "responses": responses,
        }
    }


def _operation_id(summary: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in summary.lower()).strip("_")


def table_path(name: str, params: Sequence[Param], description: str) -> dict[str, object]:
    fmt = next(p for p in params if p.name == "format")
    content = {
        CSV: {"schema": {"type": "string"}},
        "application/json": {"schema": json_body(name)},
        PARQUET_MEDIA_TYPE: {"schema": {"type": "string", "contentEncoding": "binary"}},
    }
    text = f"{description}. Formaat met format= (standaard {fmt.default})."
    return operation(TABLE_SUMMARIES[name], text, TAG_TABLES, content, [parameter(p) for p in params])


def document(parameters: Mapping[str, Sequence[Param]], version: str, versie: Param) -> dict[str, object]:
    """The OpenAPI 3.1 document of the API as this server serves it (dataset `version`); `versie` is the parameter
    that fetches a kept version (the table endpoints have it among their `parameters`, the data package here)."""
    json_any = {"application/json": {"schema": {"type": "object"}}}
    paths: dict[str, object] = {
        PREFIX: operation(
            "Overzicht",
            "de endpoints met hun parameters en toegestane waarden, de formaten en limieten, de datasetversie",
            TAG_ABOUT,
            json_any,
        ),
        **{
            f"{PREFIX}/{name}": table_path(name, params, VIEW_DESCRIPTIONS[name]) for name, params in parameters.items()
        },
    }
    documents = {
        "openapi": ("Deze beschrijving (OpenAPI)", TAG_ABOUT, json_any),
        "docs": ("Documentatie (HTML)", TAG_ABOUT, {"text/html": {"schema": {"type": "string"}}}),
        "datapackage": ("Datapakket (datapackage.json)", TAG_PACKAGE, json_any),
        "zip": (
            "Datapakket als zip",
            TAG_PACKAGE,
            {"application/zip": {"schema": {"type": "string", "contentEncoding": "binary"}}},
        ),
        "releases": (
            "Releases",
            TAG_RELEASES,
            {"application/json": {"schema": {"$ref": "#/components/schemas/Releases"}}},
        ),
        "atom": ("Releases als Atom-feed", TAG_RELEASES, {"application/atom+xml": {"schema": {"type": "string"}}}),
    }
    for name, (summary, tag, content) in documents.items():
        path, text = DOCUMENT_PATHS[name]
        params = [parameter(versie)] if name in VERSIONED else []
        paths[f"{PREFIX}/{path}"] = operation(summary, text, tag, content, params)
    files = [r.file for r in RESOURCES]
    file_param = {
        "name": "bestand",
        "in": "path",
        "required": True,
        "description": "een bestand van het datapakket",
        "schema": {"type": "string", "enum": files},
        "example": files[0],
    }
    paths[DATA_FILE_PATH] = operation(
        "Een CSV-bestand van het datapakket",
        "één tabel zoals datapackage.json hem beschrijft",
        TAG_PACKAGE,
        {CSV: {"schema": {"type": "string"}}},
        [file_param, parameter(versie)],
        extra_errors=("404",),
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": version,
            "summary": "Cijfers over het lerarentekort met hun bronnen, gebieden en onderwijsregio's",
            "description": "Alleen lezen (GET), geen sleutel. Elke filterparameter mag herhaald worden; verschillende "
            "parameters gelden samen. Formaten: "
            + "; ".join(f"{k}: {v}" for k, v in FORMAT_DESCRIPTIONS.items())
            + f". Limieten: hooguit {MAX_REPEATS} waarden per parameter van elk hooguit {MAX_VALUE_LENGTH} tekens, "
            f"de hele zoekvraag hooguit {MAX_QUERY_LENGTH} tekens. Een fout in de vraag geeft 400 met JSON in het "
            "Nederlands. info.version is de datasetversie; de API zelf is versie 1 (het pad /api/v1).",
            "license": {"name": "licentie per bron: zie /api/v1/sources (kolommen licence en herverdeelbaar)"},
        },
        "servers": [{"url": "/", "description": "deze server"}],
        "tags": [
            {"name": TAG_TABLES, "description": "de tabellen, te filteren, als CSV, JSON of Parquet"},
            {"name": TAG_PACKAGE, "description": "de hele dataset als Frictionless datapakket"},
            {"name": TAG_RELEASES, "description": "wat er veranderde en wanneer"},
            {"name": TAG_ABOUT, "description": "beschrijvingen van de API"},
        ],
        "paths": paths,
        "components": {
            "schemas": {
                "Fout": {
                    "type": "object",
                    "required": ["fout"],
                    "properties": {
                        "fout": {"type": "string", "description": "wat er mis is, in het Nederlands"},
                        "parameter": {"type": ["string", "null"], "description": "de parameter die fout is"},
                        "toegestaan": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "wat wel mag (waarden, parameters of paden)",
                        },
                        "dataset_version": {"type": "string"},
                    },
                },
                "Releases": {
                    "type": "object",
                    "required": ["dataset_version", "aantal", "releases"],
                    "properties": {
                        "dataset_version": {"type": "string"},
                        "aantal": {"type": "integer", "minimum": 0},
                        "releases": {"type": "array", "items": {"$ref": "#/components/schemas/Release"}},
                    },
                },
                "Release": {
                    "type": "object",
                    "required": ["versie", "tijd", "opdracht", "soort", "samenvatting", "regels"],
                    "properties": {
                        "versie": {"type": "string", "description": "datasetversie na deze release"},
                        "tijd": {"type": "string", "format": "date-time"},
                        "opdracht": {"type": "string", "description": "de opdracht die de data veranderde"},
                        "soort": {"type": "string", "enum": ["build", "import"]},
                        "samenvatting": {
                            "type": "object",
                            "required": ["nieuwe_peildata", "gewijzigde_waarden", "nieuwe_bronnen"],
                        },
                        "regels": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "het verslag zoals build --check het geeft",
                        },
                    },
                },
            }
        },
    }
