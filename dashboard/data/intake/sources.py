"""The source register at build time (data/raw/sources.csv -> sources.parquet): citations split into their fields,
licences checked, and what each figure is (meting, bericht, raming, afgeleid) from its row and its source."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.data.model.contract import ContractError, validate
from dashboard.data.model.paths import RAW_DIR
from dashboard.data.publish.licences import LICENCES, unknown_licences

REPORTING_PUBLISHERS = ("nieuws", "sector")


def figure_kinds(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """What each figure is (contract.KINDS): the row's own `aard` where the raw table gives one; else a raming
    stays a raming; a derived figure is afgeleid; a figure from news or a sector body, or read second-hand
    (secondary), is a bericht; the rest is a meting."""
    publisher = frame["source_id"].map(dict(zip(sources["source_id"], sources["kind"]))).fillna("")
    own = frame["aard"].fillna("") if "aard" in frame else pd.Series("", index=frame.index)
    kind = frame["kind"].where(frame["kind"] == "raming", "meting")
    kind = kind.mask((kind == "meting") & (frame["reliability"] == "derived"), "afgeleid")
    reported = (frame["reliability"] == "secondary") | publisher.isin(REPORTING_PUBLISHERS)
    kind = kind.mask((kind == "meting") & reported, "bericht")
    return own.where(own != "", kind)


CITATION = re.compile(r"^(?P<publisher>.+?) \((?P<year>[^()]*)\), '(?P<title>[^']+)'(?P<rest>.*)$")


def split_citation(row: pd.Series) -> pd.Series:
    """Some registry rows hold a whole citation in `title`: split it into its fields."""
    match = CITATION.match(row["title"])
    if row["publisher"] or not match:
        return row
    parts = match.groupdict()
    url = re.search(r"https?://\S+", parts["rest"])
    out = row.copy()
    out["publisher"] = parts["publisher"]
    out["year"] = row["year"] or parts["year"]
    out["title"] = parts["title"] + parts["rest"].split(", http")[0].rstrip(",")
    out["url"] = row["url"] or (url.group(0).rstrip(",;") if url else "")
    return out


def check_licences(sources: pd.DataFrame) -> None:
    """Every shipped source names its licence (the contract's default 'onbekend' is for own data only)."""
    empty = sources["licence"].str.strip() == "" if "licence" in sources else pd.Series(True, index=sources.index)
    if empty.any():
        ids = ", ".join(sources.loc[empty, "source_id"].head(5))
        raise ContractError(
            f"data/raw/sources.csv: kolom 'licence' is leeg voor {ids}; schrijf 'onbekend' als de "
            "licentie niet bekend is."
        )
    if unknown := unknown_licences(sources):
        raise ContractError(
            f"data/raw/sources.csv: onbekende licentie {', '.join(unknown)}; toegestaan: {', '.join(LICENCES)}."
        )


def build_sources(raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    sources = pd.read_csv(raw_dir / "sources.csv", dtype=str, keep_default_na=False).apply(split_citation, axis=1)
    check_licences(sources)
    return validate(sources, "sources")
