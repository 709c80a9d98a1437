"""The onderwijsregio's as units: how many there are (one count for every page, the API and the data package), which
are voorlopers, which gemeenten are contested, and where an old code of a link now points.

The rules that make one entry per region live in the data layer (dashboard/data/model/indeling.py,
docs/onderwijsregios.md).
"""

from __future__ import annotations

import pandas as pd

from dashboard import cached
from dashboard.data.model import indeling
from dashboard.data.model.indeling import Count

VOORLOPERS_OFFICIAL = "voorlopers"  # indicator: how many voorlopers OCW named (27 in 2023)
OFFICIAL_COUNT = "onderwijsregios"  # indicator: how many onderwijsregio's OCW counts (50 in 2025)


def _latest(counts: pd.DataFrame, indicator: str) -> tuple[int, int] | None:
    rows = counts[counts["indicator"] == indicator].sort_values("year")
    return (int(rows["value"].iloc[-1]), int(rows["year"].iloc[-1])) if len(rows) else None


@cached.metric
def onderwijsregio_count(register: pd.DataFrame, definition: pd.DataFrame, counts: pd.DataFrame) -> Count:
    """The one count of onderwijsregio's (`counts` = onderwijsregio_counts(...), for OCW's own number)."""
    return indeling.count(register, definition, _latest(counts, OFFICIAL_COUNT))


@cached.metric
def official_voorlopers(counts: pd.DataFrame) -> int | None:
    """How many voorlopers OCW named (the 27 of 2023), or None."""
    latest = _latest(counts, VOORLOPERS_OFFICIAL)
    return latest[0] if latest else None


@cached.metric
def contested_in(definition: pd.DataFrame, sector: str) -> dict[str, tuple[str, ...]]:
    """gemeentecode -> the onderwijsregio's of this sector it stands in, for every gemeente in more than one."""
    rows = indeling.contested(definition, sector)
    return dict(zip(rows["gemeentecode"], rows["onderwijsregios"]))


@cached.metric
def with_region_properties(
    table: pd.DataFrame, register: pd.DataFrame, definition: pd.DataFrame, sector: str
) -> pd.DataFrame:
    """The per-region table with `voorloper` (ja/nee) and `betwiste_gemeenten` (how many of its gemeenten stand in
    another region of this sector too)."""
    voorloper = dict(zip(register["onderwijsregio_code"], register.get("voorloper", pd.Series(dtype=str))))
    contested = contested_in(definition, sector)
    rows = definition[definition["sector"] == sector]
    per_region = rows[rows["gemeentecode"].isin(contested)].groupby("onderwijsregio")["gemeentecode"].nunique()
    return table.assign(
        voorloper=table["onderwijsregio_code"].map(voorloper).fillna("nee"),
        betwiste_gemeenten=table["onderwijsregio"].map(per_region).fillna(0).astype(int),
    )


@cached.metric
def register_facts(register: pd.DataFrame, name: str) -> dict[str, str]:
    """The register's row of one onderwijsregio as strings ({} for a region the register does not hold)."""
    rows = register[register["onderwijsregio"] == name]
    return {} if rows.empty else {k: ("" if pd.isna(v) else str(v)) for k, v in rows.iloc[0].items()}


@cached.metric
def old_codes(register: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """An old code (a merged or split record) -> the codes of the onderwijsregio's it went into."""
    out: dict[str, list[str]] = {}
    for code, olds in zip(register["onderwijsregio_code"], register.get("oude_codes", pd.Series(dtype=str))):
        for old in str(olds or "").split(";"):
            if old:
                out.setdefault(old, []).append(code)
    return {old: tuple(codes) for old, codes in out.items()}


def resolve_code(code: str, known: tuple[str, ...], moved: dict[str, tuple[str, ...]]) -> str | None:
    """The code a link's `code` opens: itself if known, else the first region it went into that has a figure in this
    sector (`known`); None when neither."""
    if code in known:
        return code
    return next((c for c in moved.get(code, ()) if c in known), None)
