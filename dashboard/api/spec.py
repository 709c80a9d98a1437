"""What the open data API offers, as plain definitions: its prefix, title and limits, the query-parameter shape
(`Param`), the table and document endpoints' names and Dutch descriptions.

The bottom layer of dashboard.api, importing nothing of the app: the endpoints validate and describe themselves
with these, and the OpenAPI document (dashboard.api.openapi) is generated from the same ones, so the API and its
description cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "/api/v1"
TITLE = "Lerarentekort in beeld: open data"
MAX_QUERY_LENGTH = 4000  # characters of the query string; the longest useful query is far shorter
VERSION_PARAM = "versie"
VERSIONED = ("indicators", "sources", "regions", "onderwijsregios", "datapackage", "zip", "data")
FILE_STEM = {
    "indicators": "indicatoren",
    "sources": "bronnen",
    "regions": "regios",
    "onderwijsregios": "onderwijsregios",
}


@dataclass(frozen=True)
class Param:
    """One query parameter of a table endpoint. The views validate with it and the OpenAPI document is generated
    from it (dashboard.api.openapi), so the two cannot drift apart."""

    name: str
    description: str
    allowed: tuple[str, ...]
    repeatable: bool = True
    default: str | None = None
    form: str | None = None  # the shape a value must have (checked before the allowed values)
    example: str | None = None


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
# Documents: path below PREFIX -> what it is (Dutch). Each is served by dashboard.api.documents.DOCUMENTS[name].
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
DATA_FILE_PATH = f"{PREFIX}/data/{{bestand}}"  # one CSV file of the data package, served by DOCUMENTS["data"]
