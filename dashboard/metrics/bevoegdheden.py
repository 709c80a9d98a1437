"""Bevoegdheden: shortage and qualification per vak (vo).

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import cached


def vak_key(name: str) -> str:
    """Join key for vak names that differ between the Centerdata and IPTO tables."""
    key = name.lower().replace(" (avo)", "").replace("natuurkunde-scheikunde", "nask").strip()
    return {"geschiedenis (en staatsinrichting)": "geschiedenis", "nask (nask)": "nask"}.get(key, key)


def vak_peildata(indicators: pd.DataFrame, indicator: str) -> tuple[str, ...]:
    """The peildata at which `indicator` was published per vak (vo), oldest first."""
    vo = indicators[(indicators["sector"] == "vo") & (indicators["vak"] != "")]
    rows = vo[vo["indicator"] == indicator]
    return tuple(sorted(rows["peildatum"].unique()))


@cached.metric
def vakken_table(indicators: pd.DataFrame, ipto: str, tekort_peildatum: str | None = None) -> pd.DataFrame:
    """Per vak: shortage (% and fte where published; the latest measurement unless `tekort_peildatum` is given)
    next to bevoegd/benoembaar/onbevoegd (IPTO)."""
    vo = indicators[(indicators["sector"] == "vo") & (indicators["vak"] != "")]
    tekort_peildatum = tekort_peildatum or max(vak_peildata(indicators, "tekort_pct"), default="")
    tekort = vo[(vo["peildatum"] == tekort_peildatum) & vo["indicator"].isin(["tekort_pct", "tekort_fte"])]
    tekort = tekort.pivot_table(index="vak", columns="indicator", values="value", aggfunc="first").reset_index()
    ipto_rows = vo[
        (vo["peildatum"] == ipto)
        & vo["indicator"].isin(["bevoegd_pct", "benoembaar_pct", "onbevoegd_pct"])
        & ~vo["vak"].str.startswith("ALLE VAKKEN")
    ]
    bevoegd = ipto_rows.pivot_table(index="vak", columns="indicator", values="value", aggfunc="first").reset_index()
    tekort["key"] = tekort["vak"].map(vak_key)
    bevoegd["key"] = bevoegd["vak"].map(vak_key)
    out = tekort.merge(bevoegd.rename(columns={"vak": "vak_ipto"}), on="key", how="outer")
    out["vak"] = out["vak"].fillna(out["vak_ipto"])
    out = out[out["vak"] != "Totaal"]
    for column in ("tekort_pct", "tekort_fte", "bevoegd_pct", "benoembaar_pct", "onbevoegd_pct"):
        if column not in out:
            out[column] = float("nan")
    return out[["vak", "tekort_pct", "tekort_fte", "bevoegd_pct", "benoembaar_pct", "onbevoegd_pct"]].reset_index(
        drop=True
    )


@cached.metric
def select_vakken(table: pd.DataFrame, vakken: tuple[str, ...], order: str) -> pd.DataFrame:
    """The chosen vakken (all when none is chosen), in the chosen order."""
    return sort_vakken(table[table["vak"].isin(vakken)] if vakken else table, order)


def sort_vakken(table: pd.DataFrame, order: str) -> pd.DataFrame:
    columns = {"tekort": ("tekort_pct", False), "onbevoegd": ("onbevoegd_pct", False), "vak": ("vak", True)}
    column, ascending = columns[order]
    return table.sort_values(column, ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)
