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
def publisher_summary(catalogue: pd.DataFrame, top: int = 6) -> pd.DataFrame:
    """Per publishing organisation (the publisher up to its first '(', ';' or ',': "Ministerie van OCW (OCW in
    cijfers); bron Centerdata" is the ministry) the number of figures and of sources, most figures first: the `top`
    organisations and one row for the rest. What the Data page says about its sources before the whole list."""
    used = catalogue[catalogue["cijfers"] > 0]
    used = used.assign(publisher=used["publisher"].str.split(r" \(|;|,", regex=True).str[0].str.strip())
    per = (
        used.groupby("publisher")
        .agg(cijfers=("cijfers", "sum"), bronnen=("cijfers", "size"))
        .reset_index()
        .sort_values(["cijfers", "publisher"], ascending=[False, True])
    )
    head, rest = per.head(top), per.iloc[top:]
    if rest.empty:
        return head.reset_index(drop=True)
    other = pd.DataFrame(
        [
            {
                "publisher": f"{len(rest)} andere uitgevers",
                "cijfers": rest["cijfers"].sum(),
                "bronnen": rest["bronnen"].sum(),
            }
        ]
    )
    return pd.concat([head, other], ignore_index=True)


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
