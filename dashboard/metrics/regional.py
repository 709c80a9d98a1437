"""Regional shortage (Regionale tekorten, Overzicht): the map layer per measurement, national and local series, the
trend with forecasts, a region's profile and comparison.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import cached
from dashboard.data.model.contract import KINDS
from dashboard.data.model.members import RELIABILITY_RANK
from dashboard.data.model.sectors import REGIONAL_SECTORS
from dashboard.metrics.frames import _best_per

MAP_LEVELS = ("arbeidsmarktregio", "gemeente")


SHOWN_COLUMNS = ["region_code", "region_name", "geo_level", "value", "unit", "peildatum", "reliability", "source_id"]


def _map_rows(indicators: pd.DataFrame, sector: str, indicator: str) -> pd.DataFrame:
    return indicators[
        (indicators["indicator"] == indicator)
        & (indicators["sector"] == sector)
        & (indicators["kind"] == "meting")
        & indicators["geo_level"].isin(MAP_LEVELS)
        & (indicators["region_code"] != "")
        & (indicators["categorie"] == "")  # all of regular po/vo, not e.g. speciaal basisonderwijs
    ]


def _map_sources(rows: pd.DataFrame) -> pd.DataFrame:
    """Per peildatum the one source that draws the map: the one covering most arbeidsmarktregio's (a partial own
    upload never replaces a full official map), published before own data on a tie."""
    am = rows[rows["geo_level"] == "arbeidsmarktregio"]
    coverage = am.groupby(["peildatum", "source_id"]).size().rename("n").reset_index()
    coverage["published"] = ~coverage["source_id"].str.startswith("EIGEN-")
    return coverage.sort_values(["peildatum", "n", "published"]).groupby("peildatum").tail(1)


@cached.metric
def regional_peildata(indicators: pd.DataFrame, sector: str, indicator: str = "tekort_pct") -> tuple[str, ...]:
    """The peildata with a regional map measurement, oldest first (a new measurement adds one, no code change)."""
    return tuple(_map_sources(_map_rows(indicators, sector, indicator))["peildatum"])


@cached.metric
def regional_shortage(
    indicators: pd.DataFrame, sector: str, indicator: str = "tekort_pct", peildatum: str | None = None
) -> pd.DataFrame:
    """The map layer: one regional measurement (the latest unless `peildatum` is given) of one source for
    arbeidsmarktregio's + G5 gemeenten. Arbeidsmarktregio and G5 figures are only combined when they come from the
    same source and peildatum, so the map never mixes methods."""
    rows = _map_rows(indicators, sector, indicator)
    chosen = _map_sources(rows)
    if peildatum is not None:
        chosen = chosen[chosen["peildatum"] == peildatum]
    if chosen.empty:
        return pd.DataFrame(columns=SHOWN_COLUMNS)
    latest = chosen.iloc[-1]
    same = rows[(rows["source_id"] == latest["source_id"]) & (rows["peildatum"] == latest["peildatum"])]
    same = _best_per(same, ["region_code"])
    return same[SHOWN_COLUMNS].sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


@cached.metric
def change_against(current: pd.DataFrame, previous: pd.DataFrame, key: str = "region_code") -> pd.DataFrame:
    """`current` with `value` = the change in procentpunt against `previous` (the `key`s measured both times only);
    `niveau` and `vorige` keep the two figures, `vorige_peildatum` the earlier date."""
    if current.empty or previous.empty:
        return current.iloc[:0].assign(niveau=None, vorige=None, vorige_peildatum=None)
    before = previous.set_index(key)["value"]
    out = current[current[key].isin(before.index)].copy()
    out["niveau"] = out["value"]
    out["vorige"] = out[key].map(before).astype(float)
    out["value"] = out["niveau"] - out["vorige"]
    out["vorige_peildatum"] = previous["peildatum"].iloc[0]
    return out.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def _kind_rank(kinds: pd.Series) -> pd.Series:
    return kinds.map({k: i for i, k in enumerate(KINDS)}).fillna(len(KINDS))


@cached.metric
def national_series(
    indicators: pd.DataFrame, sector: str, indicator: str = "tekort_pct", categorie: str = "landelijk"
) -> pd.DataFrame:
    """The national series of what was found per peildatum (one row per peildatum, most reliable source first):
    metingen, berichten, afgeleide cijfers and estimates of that moment, each with its `kind` (a meting first where
    a peildatum has more). Forecasts of later years are another indicator (geraamd_..., tekort_trend)."""
    rows = indicators[
        (indicators["indicator"] == indicator)
        & (indicators["sector"] == sector)
        & (indicators["geo_level"] == "land")
        & (indicators["categorie"] == categorie)
        & (indicators["vak"] == "")
    ]
    best = _best_per(rows.sort_values("kind", key=_kind_rank, kind="stable"), ["peildatum"])
    columns = ["peildatum", "year", "value", "unit", "kind", "reliability", "source_id", "note"]
    return best[columns].sort_values("peildatum").reset_index(drop=True)


@cached.metric
def local_series(indicators: pd.DataFrame, code: str, sector: str, indicator: str = "tekort_pct") -> pd.DataFrame:
    """All measurements for one region over time, from whatever source reported them (most reliable per date).

    Sources differ in method; the caller must say so. A '?' on a peildatum (date inferred) is kept for display
    but does not make it a different date.
    """
    rows = indicators[
        (indicators["indicator"] == indicator)
        & (indicators["sector"] == sector)
        & (indicators["region_code"] == code)
        & (indicators["categorie"] == "")
        & (indicators["kind"] != "raming")
    ]
    rows = rows.assign(_date=rows["peildatum"].str.rstrip("?"))
    best = _best_per(rows, ["_date"]).sort_values("_date")
    columns = ["region_name", "peildatum", "year", "value", "unit", "kind", "reliability", "source_id", "note"]
    return best[columns].reset_index(drop=True)


@cached.metric
def national_value(
    indicators: pd.DataFrame, sector: str, peildatum: str, indicator: str = "tekort_pct"
) -> float | None:
    series = national_series(indicators, sector, indicator)
    match = series[series["peildatum"] == peildatum]
    return float(match["value"].iloc[0]) if len(match) else None


@cached.metric
def latest_with_change(series: pd.DataFrame) -> dict[str, object]:
    """Latest value and the change against the previous measurement (for KPI cards)."""
    if series.empty:
        return {}
    last = series.iloc[-1]
    prev = series.iloc[-2] if len(series) > 1 else None
    return {
        "value": float(last["value"]),
        "peildatum": last["peildatum"],
        "reliability": last["reliability"],
        "kind": last.get("kind", "meting"),
        "source_id": last["source_id"],
        "delta": None if prev is None else float(last["value"]) - float(prev["value"]),
        "previous_peildatum": None if prev is None else prev["peildatum"],
    }


@cached.metric
def vergelijking_regios(regional: pd.DataFrame, codes: list[str], national: float | None) -> pd.DataFrame:
    """Selected regions in the order chosen, with the national figure and the difference to it."""
    picked = regional.set_index("region_code").reindex([c for c in codes if c in set(regional["region_code"])])
    out = picked.reset_index()
    out["landelijk"] = national
    out["verschil"] = out["value"] - national if national is not None else None
    return out[
        [
            "region_code",
            "region_name",
            "geo_level",
            "value",
            "landelijk",
            "verschil",
            "peildatum",
            "reliability",
            "source_id",
        ]
    ]


@cached.metric
def region_gemeenten(regions: pd.DataFrame, code: str) -> pd.DataFrame:
    """The gemeenten of an arbeidsmarktregio (or the gemeente itself)."""
    gemeenten = regions[regions["geo_level"] == "gemeente"]
    if code.startswith("GM"):
        picked = gemeenten[gemeenten["region_code"] == code]
    else:
        picked = gemeenten[gemeenten["arbeidsmarktregio_code"] == code]
    return picked[["region_code", "region_name", "is_g5"]].sort_values("region_name").reset_index(drop=True)


@cached.metric
def onderwijsregios_for(
    code: str, regions: pd.DataFrame, onderwijsregios: pd.DataFrame, members: pd.DataFrame
) -> pd.DataFrame:
    """Onderwijsregio's known (approximately) to cover some of the gemeenten of region `code`.
    `members` = expand_members(...), computed once per page run and shared by the functions below."""
    gemeente_codes = set(region_gemeenten(regions, code)["region_code"])
    hits = members[members["gemeente_code"].isin(gemeente_codes)]
    if hits.empty:
        return pd.DataFrame(columns=["onderwijsregio", "status", "sectors", "gemeenten_in_regio", "betrouwbaarheid"])
    hits = hits.assign(_rank=hits["reliability"].map(RELIABILITY_RANK))
    grouped = (
        hits.groupby("onderwijsregio_code")
        .agg(gemeenten_in_regio=("gemeente_code", "nunique"), _rank=("_rank", "min"))
        .reset_index()
    )
    inverse = {v: k for k, v in RELIABILITY_RANK.items()}
    grouped["betrouwbaarheid"] = grouped["_rank"].map(inverse)
    out = grouped.merge(onderwijsregios, on="onderwijsregio_code")
    out = out.sort_values(["gemeenten_in_regio", "onderwijsregio"], ascending=[False, True])
    return out[["onderwijsregio", "status", "sectors", "gemeenten_in_regio", "betrouwbaarheid"]].reset_index(drop=True)


@cached.metric
def region_profile(indicators: pd.DataFrame, code: str, sectors: tuple[str, ...] = REGIONAL_SECTORS) -> pd.DataFrame:
    """The region's shortage per sector next to the national figure of the same peildatum."""
    rows = []
    for sector in sectors:
        regional = regional_shortage(indicators, sector)
        match = regional[regional["region_code"] == code]
        if match.empty:
            continue
        row = match.iloc[0]
        national = national_value(indicators, sector, row["peildatum"])
        rows.append(
            {
                "sector": sector,
                "region_name": row["region_name"],
                "value": row["value"],
                "landelijk": national,
                "verschil": None if national is None else row["value"] - national,
                "rang": int(regional.index[regional["region_code"] == code][0]) + 1,
                "aantal": len(regional),
                "peildatum": row["peildatum"],
                "reliability": row["reliability"],
                "source_id": row["source_id"],
            }
        )
    return pd.DataFrame(rows)


FORECAST_CATEGORY = "landelijk (raming van {})"
# The series word per kind: a chart's legend says what its points are.
REEKS = {"meting": "gemeten", "bericht": "bericht (nieuws)", "afgeleid": "afgeleid", "raming": "schatting"}


def latest_forecast_vintage(indicators: pd.DataFrame, indicator: str = "tekort_fte") -> str | None:
    """When the newest national forecast of `indicator` was made (from its categorie, e.g. '2022-12')."""
    rows = indicators[(indicators["indicator"] == f"geraamd_{indicator}") & (indicators["kind"] == "raming")]
    vintages = rows["categorie"].str.extract(r"^landelijk \(raming van (.+)\)$")[0].dropna()
    # '~2017' (an approximate vintage) sorts by its digits, not by the '~'
    return max(vintages, key=lambda v: "".join(ch for ch in v if ch.isdigit())) if len(vintages) else None


@cached.metric
def tekort_trend(
    indicators: pd.DataFrame,
    sectors: tuple[str, ...],
    indicator: str = "tekort_fte",
    forecast_vintage: str | None = None,
) -> pd.DataFrame:
    """National trend per sector: the measured series, the figures that are only reported (berichten) and, as
    separate series, the forecast of one vintage (the newest unless given). Every row carries its `kind` and a series
    label of its kind (REEKS), so a chart never draws a bericht on the line of the metingen."""
    forecast_vintage = forecast_vintage or latest_forecast_vintage(indicators, indicator)
    parts = []
    for sector in sectors:
        found = national_series(indicators, sector, indicator)
        parts.append(found.assign(sector=sector, reeks=sector + " " + found["kind"].map(REEKS)))
        forecast = indicators[
            (indicators["indicator"] == f"geraamd_{indicator}")
            & (indicators["sector"] == sector)
            & (indicators["kind"] == "raming")
            & (indicators["categorie"] == FORECAST_CATEGORY.format(forecast_vintage))
        ]
        forecast = _best_per(forecast, ["year"])
        if len(forecast):
            parts.append(
                forecast.assign(reeks=f"{sector} raming ({forecast_vintage})")[
                    [
                        "peildatum",
                        "year",
                        "value",
                        "unit",
                        "reliability",
                        "source_id",
                        "note",
                        "sector",
                        "kind",
                        "reeks",
                    ]
                ]
            )
    if not parts:
        return pd.DataFrame()
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["reeks", "year"]).reset_index(drop=True)
