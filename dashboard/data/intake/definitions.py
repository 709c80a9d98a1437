"""Importing an onderwijsregio definition: which gemeenten form each onderwijsregio, per sector.

The file (CSV or xlsx) has the columns onderwijsregio, sector, gemeentecode and optionally betrouwbaarheid
(reliability). Gemeentecodes may be written as GM0363, 0363 or 363; they must exist in the current indeling.
The accepted definition replaces the shipped approximation for every user of the server
(as a new generation of the own tables, dashboard.data.store.transactions; `herstel` returns to the previous one).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from dashboard.data.intake.ingest import MAX_IMPORT_BYTES, IngestError, reject_hostile_cells, row_list
from dashboard.data.intake.readers import ReadError, read_path
from dashboard.data.model.contract import SCHEMAS, ContractError, validate
from dashboard.data.publish import releases
from dashboard.data.store import transactions as store
from dashboard.data.store.atomic import writing

ALIASES = {"betrouwbaarheid": "reliability", "gemeente": "gemeentecode", "gemeentenummer": "gemeentecode"}
TABLE = "onderwijsregio_gemeenten"


def normalise_codes(codes: pd.Series) -> pd.Series:
    digits = codes.str.strip().str.upper().str.removeprefix("GM")
    return ("GM" + digits.str.zfill(4)).where(digits.str.fullmatch(r"\d{1,4}"), codes)


def check_definition(frame: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """A frame of strings -> validated definition, or IngestError naming column and rows."""
    if frame.empty:
        raise IngestError("Het bestand bevat een kopregel maar geen rijen.")
    frame = frame.rename(columns=lambda c: ALIASES.get(str(c).strip().lower(), str(c).strip().lower()))
    reject_hostile_cells(frame)
    if "reliability" not in frame:
        frame = frame.assign(reliability="")
    if "gemeentecode" in frame:
        frame = frame.assign(gemeentecode=normalise_codes(frame["gemeentecode"].astype(str)))
    try:
        table = validate(frame, "onderwijsregio_gemeenten")
    except ContractError as err:
        raise IngestError(str(err)) from err
    known = set(regions.loc[regions["geo_level"] == "gemeente", "region_code"])
    unknown = ~table["gemeentecode"].isin(known)
    if unknown.any():
        raise IngestError(
            f"Kolom 'gemeentecode', rij {row_list(unknown)}: onbekende gemeente "
            f"'{table.loc[unknown, 'gemeentecode'].iloc[0]}' (niet in de huidige CBS-indeling)."
        )
    return table


def import_definition(path: Path, regions: pd.DataFrame, eigen_dir: Path) -> pd.DataFrame:
    try:
        frame = read_path(path, MAX_IMPORT_BYTES)
    except ReadError as err:
        raise IngestError(f"{path.name}: {err}") from err
    table = check_definition(frame, regions)
    with writing(eigen_dir):
        description = f"onderwijsregios {path.name}"
        release = releases.generation_release(description, eigen_dir)
        store.commit_generation({TABLE: table}, eigen_dir, description, release)
    return table


def own_region_csv(gemeentecodes: Iterable[str], name: str, sector: str, base: pd.DataFrame | None = None) -> str:
    """The definition CSV (';'-separated, as `python -m dashboard onderwijsregios BESTAND` accepts) of an own
    region: one row per gemeente. With `base` (a definition) the file holds base plus the own region, replacing a
    region of the same name and sector, because an import replaces the whole definition."""
    name = name.strip()
    allowed = next(c.allowed for c in SCHEMAS["onderwijsregio_gemeenten"].columns if c.name == "sector")
    if not name:
        raise ValueError("Geef de eigen regio een naam.")
    if sector not in allowed:
        raise ValueError(f"Onbekende sector '{sector}' (toegestaan: {', '.join(allowed)}).")
    codes = sorted(set(normalise_codes(pd.Series(list(gemeentecodes), dtype=str))))
    if not codes:
        raise ValueError("Kies ten minste één gemeente.")
    own = pd.DataFrame({"onderwijsregio": name, "sector": sector, "gemeentecode": codes, "betrouwbaarheid": ""})
    if base is not None:
        kept = base[~((base["onderwijsregio"] == name) & (base["sector"] == sector))]
        kept = kept.rename(columns={"reliability": "betrouwbaarheid"})[list(own.columns)]
        own = pd.concat([kept, own], ignore_index=True)
    buffer = io.StringIO()
    own.to_csv(buffer, sep=";", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue()
