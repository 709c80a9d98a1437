"""Onderwijstijd: teaching hours against OECD/EU, instruction time.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import cached
from dashboard.data.model.members import RELIABILITY_RANK
from dashboard.texts import LEVEL_LABELS

OECD_LEVEL = {
    "po": ("primary", "primary (ISCED 1)", "po (primary)"),
    "vo": (
        "lower secondary (general)",
        "upper secondary (general)",
        "lower secondary",
        "upper secondary",
        "vo (secondary)",
    ),
}


@cached.metric
def lesuren(indicators: pd.DataFrame, sector: str) -> pd.DataFrame:
    """Net teaching hours per year of a full-time teacher: the Netherlands against OECD/EU averages (latest per
    area and level), with the reference year first in each bar's label ('2019: Nederland · basisonderwijs')."""
    rows = indicators[
        indicators["indicator"].isin(["statutory_net_teaching_time", "teaching_hours_per_year"])
        & indicators["categorie"].isin(OECD_LEVEL.get(sector, ()))
        & (indicators["peildatum"] != "onbekend")
    ]
    rows = rows.assign(_rank=rows["reliability"].map(RELIABILITY_RANK))
    rows = rows.assign(niveau=rows["categorie"].map(LEVEL_LABELS))
    latest = rows.sort_values(["region_name", "niveau", "year", "_rank"], ascending=[True, True, False, True])
    latest = latest.drop_duplicates(["region_name", "niveau"]).drop(columns="_rank")
    latest = latest.assign(label=latest["year"].astype(str) + ": " + latest["region_name"] + " · " + latest["niveau"])
    return (
        latest[["label", "region_name", "niveau", "year", "value", "unit", "reliability", "source_id"]]
        .sort_values("value", ascending=False)
        .reset_index(drop=True)
    )


@cached.metric
def lesuren_trend(indicators: pd.DataFrame) -> pd.DataFrame:
    """Primary: NL vs OECD average per year, one consistent OECD.Stat export."""
    rows = indicators[
        (indicators["indicator"] == "statutory_net_teaching_time") & (indicators["source_id"] == "OECD_STAT_VIA_REPO")
    ]
    return (
        rows[["region_name", "year", "value", "unit", "reliability", "source_id"]]
        .sort_values(["region_name", "year"])
        .reset_index(drop=True)
    )


@cached.metric
def lestijd_leerlingen(indicators: pd.DataFrame) -> pd.DataFrame:
    """Compulsory instruction time of pupils; `niveau` is the school level in Dutch."""
    rows = indicators[indicators["indicator"] == "compulsory_instruction_time_students"]
    out = rows[["region_name", "categorie", "year", "value", "unit", "reliability", "source_id"]].reset_index(drop=True)
    return out.assign(niveau=out["categorie"].map(LEVEL_LABELS))
