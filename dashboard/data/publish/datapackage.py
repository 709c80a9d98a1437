"""The dataset as a Frictionless data package (datapackage.json + CSV files), generated from the data contract.

`descriptor(tables, version)` describes one resource per published table: its CSV file, a table schema with the
contract's types, allowed values and column meanings (dashboard.data.model.contract), the primary key where the contract
has one, foreign keys (indicators.source_id -> sources) and the licences. `files(tables)` are the CSV files
(the same bytes as the dashboard's downloads: `;`, decimal comma, UTF-8 with BOM); `zip_bytes` puts both in one zip.
Which rows may be redistributed follows from the source's licence: column `herverdeelbaar` in sources and, per
figure, in indicators. Pure: the caller reads the tables.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.data.model.contract import COLUMN_DOCS, COLUMN_UNITS, SCHEMAS, Column, public_dates
from dashboard.data.publish import licences
from dashboard.data.publish.export import safe_csv

NAME = "lerarentekort-in-beeld"
DESCRIPTOR_FILE = "datapackage.json"
FOLDER = "data"  # the CSV files, relative to datapackage.json (in the zip and under /api/v1/)
ENCODING = "utf-8"  # with a byte order mark (as the page downloads, so Excel opens them directly)
DIALECT = {"delimiter": ";", "header": True}
TYPES = {"str": "string", "int": "integer", "float": "number"}


@dataclass(frozen=True)
class Resource:
    name: str  # the contract table
    file: str
    title: str
    description: str


RESOURCES = (
    Resource(
        "indicators",
        "indicatoren.csv",
        "Cijfers",
        "Eén rij per cijfer: wat, waar, wanneer, de waarde met eenheid, de bron en de betrouwbaarheid. Geen "
        "primaire sleutel: twee bronnen kunnen hetzelfde cijfer geven, en beide rijen staan erin.",
    ),
    Resource(
        "sources",
        "bronnen.csv",
        "Bronnenregister",
        "Elke bron met uitgever, titel, jaar, URL en licentie; herverdeelbaar zegt of de cijfers uit die bron "
        "doorgegeven mogen worden.",
    ),
    Resource(
        "regions",
        "regios.csv",
        "Gebieden",
        "Land, provincies, arbeidsmarktregio's en gemeenten met CBS-code, en per gemeente de indeling. "
        + licences.REGIONS_ATTRIBUTION
        + ".",
    ),
    Resource(
        "onderwijsregios",
        "onderwijsregios.csv",
        "Onderwijsregio's",
        "Eén rij per onderwijsregio (dezelfde telling als het dashboard en de API): status, sectoren, voorloper, "
        "andere namen, oude codes, waarschijnlijk dezelfde regio's, bronnen en waarom het één regio is.",
    ),
    Resource(
        "onderwijsregio_gemeenten",
        "onderwijsregio_gemeenten.csv",
        "Gemeenten per onderwijsregio",
        "Welke gemeenten per sector bij een onderwijsregio horen (de geïmporteerde indeling van deze server als "
        "die er is, anders een benadering uit de regioloketten).",
    ),
)
BY_NAME = {r.name: r for r in RESOURCES}
REDISTRIBUTION = (
    "Mag deze rij herverdeeld worden? ja als de licentie van de bron dat toestaat (CC-BY-4.0, CC0-1.0, openbare "
    "overheidsinformatie, OESO-voorwaarden; vermeld de bron), anders nee: citeer het cijfer met bronvermelding en "
    "verwijs naar de bron."
)
# Columns a resource has beyond its contract table, derived from the source's licence.
DERIVED: dict[str, tuple[Column, ...]] = {
    "indicators": (
        Column("licence", "str"),
        Column(licences.REDISTRIBUTABLE_COLUMN, "str", allowed=("ja", "nee")),
        Column("periode", "str", required=False),
        Column("peildatum_afgeleid", "str", required=False, allowed=("ja",)),
    ),
    "sources": (Column(licences.REDISTRIBUTABLE_COLUMN, "str", allowed=("ja", "nee")),),
}
DERIVED_DOCS = {
    "licence": "licentie van de bron van deze rij (zie sources)",
    licences.REDISTRIBUTABLE_COLUMN: REDISTRIBUTION,
    "periode": COLUMN_DOCS["periode"],
    "peildatum_afgeleid": COLUMN_DOCS["peildatum_afgeleid"],
}
FOREIGN_KEYS = {
    "indicators": [{"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}],
    "onderwijsregio_gemeenten": [
        {"fields": "gemeentecode", "reference": {"resource": "regions", "fields": "region_code"}}
    ],
}


def columns(name: str) -> tuple[Column, ...]:
    return SCHEMAS[name].columns + DERIVED.get(name, ())


def field(column: Column, derived: bool = False) -> dict[str, object]:
    """A Table Schema field for a contract column: type, meaning, unit, and its constraints."""
    out: dict[str, object] = {
        "name": column.name,
        "type": TYPES[column.kind],
        "description": (DERIVED_DOCS if derived else COLUMN_DOCS)[column.name],
    }
    if column.kind == "float":
        out["decimalChar"] = ","
    if column.name in COLUMN_UNITS:
        out["unit"] = COLUMN_UNITS[column.name]
    constraints: dict[str, object] = {}
    if column.required or column.default:
        constraints["required"] = True
    if column.allowed:
        constraints["enum"] = list(column.allowed)
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(name: str) -> dict[str, object]:
    derived = DERIVED.get(name, ())
    own = [field(c) for c in SCHEMAS[name].columns]
    if name == "indicators":  # handed out as contract.public_dates: an ISO date, or empty with a periode
        own = [f | {"constraints": {"pattern": r"\d{4}-\d{2}-\d{2}"}} if f["name"] == "peildatum" else f for f in own]
    schema: dict[str, object] = {
        "fields": own + [field(c, derived=True) for c in derived],
        "missingValues": [""],
    }
    if SCHEMAS[name].unique:
        schema["primaryKey"] = list(SCHEMAS[name].unique)
    if name in FOREIGN_KEYS:
        schema["foreignKeys"] = FOREIGN_KEYS[name]
    return schema


def licence_entry(licence: str) -> dict[str, str]:
    """A data package licence: SPDX ids by name and URL, other licences by their Dutch description."""
    known = licences.LICENCES.get(licence)
    entry = {"title": licences.title(licence)}
    if known and known.spdx:
        entry["name"] = licence
    if known and known.url:
        entry["path"] = known.url
    if "name" not in entry and "path" not in entry:
        entry["name"] = "other-closed" if not licences.redistributable(licence) else "other-open"
    return entry


def resource_licences(name: str, sources: pd.DataFrame) -> list[dict[str, str]]:
    if name == "regions":
        return [licence_entry(licences.REGIONS_LICENCE)]
    if name in ("indicators", "sources"):
        return [licence_entry(lic) for lic in sorted(set(sources["licence"].map(licences.licence_of)))]
    return []


def descriptor(tables: Mapping[str, pd.DataFrame], version: str) -> dict[str, object]:
    """datapackage.json for these tables (their sources give the licences) at this dataset version."""
    sources = licences.with_redistribution(tables["sources"])
    resources = []
    for resource in RESOURCES:
        entry: dict[str, object] = {
            "name": resource.name,
            "title": resource.title,
            "description": resource.description,
            "path": f"{FOLDER}/{resource.file}",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": ENCODING,
            "dialect": DIALECT,
            "schema": table_schema(resource.name),
        }
        if found := resource_licences(resource.name, sources):
            entry["licenses"] = found
        resources.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Lerarentekort in beeld: open data",
        "description": "Cijfers over het lerarentekort in Nederland met hun bronnen, gebieden en onderwijsregio's. "
        "Elk cijfer verwijst naar een bron (indicators.source_id -> sources.source_id). Licenties verschillen per "
        "bron: " + REDISTRIBUTION,
        "version": version,
        "language": "nl",
        # What this project adds (the tables' form, the register, the afgeleide cijfers): licences.PROJECT_LICENCE.
        "licenses": [{**licence_entry(licences.PROJECT_LICENCE), "title": licences.PROJECT_LICENCE_WHY}],
        "resources": resources,
    }


def frames(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Per resource the table as written to its CSV: contract columns plus the derived licence columns."""
    sources = licences.with_redistribution(tables["sources"])
    by_source = sources.drop_duplicates("source_id").set_index("source_id")
    out = {}
    for resource in RESOURCES:
        frame = sources if resource.name == "sources" else tables[resource.name]
        if resource.name == "indicators":
            frame = public_dates(frame).assign(
                licence=frame["source_id"].map(by_source["licence"]).fillna(licences.UNKNOWN),
                **{
                    licences.REDISTRIBUTABLE_COLUMN: frame["source_id"]
                    .map(by_source[licences.REDISTRIBUTABLE_COLUMN])
                    .fillna(licences.NO)
                },
            )
        out[resource.name] = frame[[c.name for c in columns(resource.name)]]
    return out


def files(tables: Mapping[str, pd.DataFrame]) -> dict[str, bytes]:
    """Path (relative to datapackage.json) -> CSV bytes."""
    return {f"{FOLDER}/{BY_NAME[name].file}": safe_csv(frame) for name, frame in frames(tables).items()}


def zip_bytes(tables: Mapping[str, pd.DataFrame], version: str) -> bytes:
    buffer = io.BytesIO()
    package = json.dumps(descriptor(tables, version), ensure_ascii=False, indent=1)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DESCRIPTOR_FILE, package)
        for path, data in files(tables).items():
            archive.writestr(path, data)
    return buffer.getvalue()
