"""Importing an onderwijsregio definition: which gemeenten form each onderwijsregio, per sector.

The file (CSV or xlsx) has the columns onderwijsregio, sector, gemeentecode and optionally betrouwbaarheid
(reliability). Gemeentecodes may be written as GM0363, 0363 or 363; they must exist in the current indeling.
The accepted definition replaces the shipped approximation for every user of the server
(as a new generation of the own tables, dashboard.data.store; `herstel` returns to the previous one).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import store
from dashboard.data.contract import ContractError, validate
from dashboard.data.ingest import MAX_IMPORT_BYTES, IngestError, reject_hostile_cells, row_list
from dashboard.data.readers import ReadError, read_path

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
    store.commit_generation({TABLE: table}, eigen_dir, f"onderwijsregios {path.name}")
    return table
