"""Known publications that are newer than the data (data/raw/newer_publications.csv), and which of them are still
missing: a line of the register is pending until the indicators hold a meting of its indicator, sector and
peildatum (at any area level). Adding that measurement (`python -m dashboard ingest`, or `meting --naar-raw` and a
build) removes the line from the pages without a code change. Pure apart from `register()`, which reads the CSV.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from dashboard.data.model.contract import Column, ContractError, Schema, validate_schema
from dashboard.data.model.paths import RAW_DIR

FILE = "newer_publications.csv"
SCHEMA = Schema(
    "newer_publications",
    (
        Column("publisher", "str"),
        Column("title", "str"),
        Column("published", "str"),  # JJJJ-MM-DD
        Column("url", "str"),
        Column("label", "str"),  # how a page names it next to the peildatum: 'Kamerbrief 18 december 2025'
        Column("adds", "str"),  # what it would add, in words
        Column("indicator", "str"),
        Column("sector", "str"),
        Column("peildatum", "str"),
    ),
)


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime: float) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return validate_schema(frame, SCHEMA)


def register(raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    """The register as validated strings; empty when the file is missing."""
    path = raw_dir / FILE
    if not path.exists():
        return pd.DataFrame(columns=SCHEMA.column_names)
    try:
        return _read(path, path.stat().st_mtime)
    except ContractError as error:
        raise ContractError(f"data/raw/{FILE}: {error}") from error


def pending(register: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The lines whose measurement is not in `indicators` yet (a meting of that indicator, sector and peildatum)."""
    if register.empty:
        return register
    measured = indicators.loc[indicators["kind"] == "meting", ["indicator", "sector", "peildatum"]]
    have = set(map(tuple, measured.drop_duplicates().to_numpy()))
    keep = [(r.indicator, r.sector, r.peildatum) not in have for r in register.itertuples()]
    return register[keep].reset_index(drop=True)
