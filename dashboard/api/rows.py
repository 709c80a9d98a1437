"""The rows the table endpoints serve, as frames made from a snapshot of the published tables: the source register
with its licences, the onderwijsregio definition with names, a filter on chosen values, JSON records.

Below the parameters (their allowed values come from these rows) and the endpoints (which filter and shape them),
so both read the same rows. Pure apart from the snapshot; light to import (pandas comes with the snapshot).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from dashboard.data.publish.published import Snapshot

ONDERWIJSREGIO_COLUMNS = [
    "onderwijsregio",
    "onderwijsregio_code",
    "status",
    "sector",
    "gemeentecode",
    "gemeentenaam",
    "reliability",
    "source_ids",
    "voorloper",
    "betwist",
]


def sources(snap: Snapshot) -> pd.DataFrame:
    """The source register with licence ('onbekend' where own data has none) and `herverdeelbaar`."""
    from dashboard.data.publish.licences import with_redistribution

    return with_redistribution(snap.tables["sources"])


def onderwijsregio_rows(snap: Snapshot) -> pd.DataFrame:
    """One row per (onderwijsregio, sector, gemeente) with the region's metadata and the gemeente's name."""
    definition = snap.tables["onderwijsregio_gemeenten"]
    register = snap.tables["onderwijsregios"]
    if "voorloper" not in register:
        register = register.assign(voorloper="nee")
    meta = register[["onderwijsregio", "onderwijsregio_code", "status", "source_ids", "voorloper"]]
    names = snap.tables["regions"].set_index("region_code")["region_name"]
    rows = definition.merge(meta, on="onderwijsregio", how="left").fillna({"onderwijsregio_code": "", "status": ""})
    rows = rows.fillna({"source_ids": "", "voorloper": "nee"}).assign(
        gemeentenaam=rows["gemeentecode"].map(names).fillna("")
    )
    regions_per = rows.groupby(["sector", "gemeentecode"])["onderwijsregio"].transform("nunique")
    rows = rows.assign(betwist=(regions_per > 1).map({True: "ja", False: "nee"}))
    return rows[ONDERWIJSREGIO_COLUMNS].sort_values(["onderwijsregio", "sector", "gemeentecode"]).reset_index(drop=True)


def with_words(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with `betrouwbaarheid` beside `reliability`: the Dutch words of the pages beside the stable code."""
    from dashboard.format import reliability_label

    at = list(rows.columns).index("reliability") + 1
    out = rows.copy()
    out.insert(at, "betrouwbaarheid", rows["reliability"].map(reliability_label))
    return out


def filtered(rows: pd.DataFrame, chosen: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """The rows whose column has one of the chosen values, for every column with a choice."""
    for column, wanted in chosen.items():
        if wanted:
            rows = rows[rows[column].isin(wanted)]
    return rows


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    from dashboard.data.publish.export import json_records

    return json_records(frame)
