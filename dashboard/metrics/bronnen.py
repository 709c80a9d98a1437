"""Data & verantwoording: the source catalogue.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import cached
from dashboard.data.model.newer import pending
from dashboard.format import fmt_peildatum, indicator_label, reliability_label

# Where a page's "zo voegt u ze toe" leads: the register and the commands on the Data page.
NEWER_ANCHOR = "/data#nieuwer-gepubliceerd"


@cached.metric
def source_catalogue(indicators: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every source with what it measures (indicators), its peildata and the number of figures taken from it."""

    def listing(values: pd.Series, label, limit: int) -> str:
        unique = sorted(set(values))
        return ", ".join(label(v) for v in unique[:limit]) + (" …" if len(unique) > limit else "")

    used = indicators.groupby("source_id").agg(
        cijfers=("value", "size"),
        peildata=("peildatum", lambda s: listing(s, fmt_peildatum, 6)),
        meet=("indicator", lambda s: listing(s, indicator_label, 5)),
        betrouwbaarheid=("reliability", lambda s: listing(s, reliability_label, 5)),
    )
    out = sources.merge(used, left_on="source_id", right_index=True, how="left")
    out["cijfers"] = out["cijfers"].fillna(0).astype(int)
    return out.fillna("").sort_values(["cijfers", "publisher"], ascending=[False, True]).reset_index(drop=True)


@cached.metric
def newer_publications(register: pd.DataFrame, indicators: pd.DataFrame, sectors: tuple[str, ...]) -> pd.DataFrame:
    """The register's publications for these sectors whose measurement is not in `indicators` yet."""
    rows = pending(register, indicators)
    return rows[rows["sector"].isin(sectors)].reset_index(drop=True)


@cached.output
def newer_line(newer: pd.DataFrame) -> str:
    """'Nieuwer gepubliceerd: okt 2024 en okt 2025 (Kamerbrief 18 december 2025), nog niet in dit dashboard; zo
    voegt u ze toe' (a link to the Data page), or "" when nothing newer is known."""
    if newer.empty:
        return ""
    dates = [fmt_peildatum(p) for p in sorted(set(newer["peildatum"]))]
    when = dates[0] if len(dates) == 1 else ", ".join(dates[:-1]) + " en " + dates[-1]
    where = ", ".join(dict.fromkeys(newer["label"]))
    them = "ze" if len(dates) > 1 else "hem"
    return (
        f"**Nieuwer gepubliceerd:** {when} ({where}), nog niet in dit dashboard; "
        f"[zo voegt u {them} toe]({NEWER_ANCHOR})."
    )
