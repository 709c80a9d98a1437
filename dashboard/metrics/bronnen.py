"""Data & verantwoording: the source catalogue.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import cached
from dashboard.format import fmt_peildatum, indicator_label, reliability_label


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
