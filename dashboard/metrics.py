"""Pure aggregations: (frames, filters) -> DataFrame. No Streamlit here; unit-tested on small frames.

Each function returns exactly the frame a chart, its table and its CSV download show.
"""

from __future__ import annotations

import pandas as pd

RELIABILITY_RANK = {"solid": 0, "solid-but-parsed": 1, "derived": 2, "secondary": 3, "uncertain": 4}
MAP_LEVELS = ("arbeidsmarktregio", "gemeente")
SHOWN_COLUMNS = ["region_code", "region_name", "geo_level", "value", "unit", "peildatum", "reliability", "source_id"]


def _best_per(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per key: the most reliable one (ties: first in data order)."""
    ranked = frame.assign(_rank=frame["reliability"].map(RELIABILITY_RANK).fillna(9))
    ranked = ranked.sort_values(keys + ["_rank"], kind="stable")
    return ranked.drop_duplicates(keys).drop(columns="_rank")


def regional_shortage(indicators: pd.DataFrame, sector: str, indicator: str = "tekort_pct") -> pd.DataFrame:
    """The map layer: the latest regional measurement of one source for arbeidsmarktregio's + G5 gemeenten.

    Arbeidsmarktregio and G5 figures are only combined when they come from the same source and peildatum,
    so the map never mixes methods.
    """
    rows = indicators[
        (indicators["indicator"] == indicator)
        & (indicators["sector"] == sector)
        & (indicators["kind"] == "meting")
        & indicators["geo_level"].isin(MAP_LEVELS)
        & (indicators["region_code"] != "")
    ]
    am = rows[rows["geo_level"] == "arbeidsmarktregio"]
    if am.empty:
        return pd.DataFrame(columns=SHOWN_COLUMNS)
    latest = am.sort_values("peildatum").iloc[-1]
    same = rows[(rows["source_id"] == latest["source_id"]) & (rows["peildatum"] == latest["peildatum"])]
    same = _best_per(same, ["region_code"])
    return same[SHOWN_COLUMNS].sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def national_series(
    indicators: pd.DataFrame, sector: str, indicator: str = "tekort_pct", categorie: str = "landelijk"
) -> pd.DataFrame:
    """The national measured series (one row per peildatum, most reliable source first)."""
    rows = indicators[
        (indicators["indicator"] == indicator)
        & (indicators["sector"] == sector)
        & (indicators["geo_level"] == "land")
        & (indicators["kind"] == "meting")
        & (indicators["categorie"] == categorie)
        & (indicators["vak"] == "")
    ]
    best = _best_per(rows, ["peildatum"])
    columns = ["peildatum", "year", "value", "unit", "reliability", "source_id", "note"]
    return best[columns].sort_values("peildatum").reset_index(drop=True)


def national_value(
    indicators: pd.DataFrame, sector: str, peildatum: str, indicator: str = "tekort_pct"
) -> float | None:
    series = national_series(indicators, sector, indicator)
    match = series[series["peildatum"] == peildatum]
    return float(match["value"].iloc[0]) if len(match) else None


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
        "source_id": last["source_id"],
        "delta": None if prev is None else float(last["value"]) - float(prev["value"]),
        "previous_peildatum": None if prev is None else prev["peildatum"],
    }


def compare_regions(regional: pd.DataFrame, codes: list[str], national: float | None) -> pd.DataFrame:
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


def region_gemeenten(regions: pd.DataFrame, code: str) -> pd.DataFrame:
    """The gemeenten of an arbeidsmarktregio (or the gemeente itself)."""
    gemeenten = regions[regions["geo_level"] == "gemeente"]
    if code.startswith("GM"):
        picked = gemeenten[gemeenten["region_code"] == code]
    else:
        picked = gemeenten[gemeenten["arbeidsmarktregio_code"] == code]
    return picked[["region_code", "region_name", "is_g5"]].sort_values("region_name").reset_index(drop=True)


def expand_members(leden: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Member rows at gemeente level: provincie and arbeidsmarktregio rows expanded to their gemeenten,
    keeping the member row's reliability."""
    gemeenten = regions[regions["geo_level"] == "gemeente"][["region_code", "provincie_code", "arbeidsmarktregio_code"]]
    direct = leden[leden["member_type"] == "gemeente"].assign(gemeente_code=lambda d: d["member_code"])
    parts = [direct]
    for member_type, column in (("provincie", "provincie_code"), ("arbeidsmarktregio", "arbeidsmarktregio_code")):
        area = leden[leden["member_type"] == member_type]
        expanded = area.merge(gemeenten, left_on="member_code", right_on=column)
        parts.append(expanded.assign(gemeente_code=expanded["region_code"])[list(direct.columns)])
    out = pd.concat(parts, ignore_index=True)
    return out[out["gemeente_code"] != ""]


def onderwijsregios_for(
    code: str, regions: pd.DataFrame, onderwijsregios: pd.DataFrame, leden: pd.DataFrame
) -> pd.DataFrame:
    """Onderwijsregio's known (approximately) to cover some of the gemeenten of region `code`."""
    gemeente_codes = set(region_gemeenten(regions, code)["region_code"])
    members = expand_members(leden, regions)
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


def region_profile(indicators: pd.DataFrame, code: str, sectors: tuple[str, ...] = ("po", "vo")) -> pd.DataFrame:
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


def onderwijsregio_counts(indicators: pd.DataFrame) -> pd.DataFrame:
    """Headline counts and coverage of the onderwijsregio's (voorlopers, 2025 network, dekkingsgraad)."""
    wanted = [
        "aanvragen_voorloper",
        "voorlopers",
        "onderwijsregios",
        "dekkingsgraad_po",
        "dekkingsgraad_vo",
        "dekkingsgraad_mbo",
    ]
    rows = indicators[indicators["indicator"].isin(wanted) & (indicators["categorie"] == "onderwijsregio's")]
    return (
        rows[["indicator", "sector", "year", "value", "unit", "reliability", "source_id", "note"]]
        .sort_values(["indicator", "year"])
        .reset_index(drop=True)
    )


def onderwijsregio_overview(
    onderwijsregios: pd.DataFrame, leden: pd.DataFrame, regions: pd.DataFrame, sector: str | None = None
) -> pd.DataFrame:
    """One row per onderwijsregio label with how well its gemeenten are known."""
    members = expand_members(leden, regions)
    known = members.groupby("onderwijsregio_code").agg(gemeenten=("gemeente_code", "nunique")).reset_index()
    solid = members[members["reliability"].isin(["solid", "secondary"])]
    solid = solid.groupby("onderwijsregio_code").agg(gemeenten_zeker=("gemeente_code", "nunique")).reset_index()
    out = onderwijsregios.merge(known, on="onderwijsregio_code", how="left").merge(
        solid, on="onderwijsregio_code", how="left"
    )
    out[["gemeenten", "gemeenten_zeker"]] = out[["gemeenten", "gemeenten_zeker"]].fillna(0).astype(int)
    if sector:
        out = out[out["sectors"].str.contains(sector, case=False, regex=False)]
    status_order = {"voorloper": 0, "in oprichting": 1}
    out = out.assign(_o=out["status"].map(status_order).fillna(2)).sort_values(["_o", "onderwijsregio"])
    return out.drop(columns="_o").reset_index(drop=True)


def onderwijsregio_gemeenten(code: str, leden: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    members = expand_members(leden, regions)
    rows = members[members["onderwijsregio_code"] == code]
    names = regions[regions["geo_level"] == "gemeente"][["region_code", "region_name"]]
    rows = rows.merge(names, left_on="gemeente_code", right_on="region_code")
    rows = _best_per(rows.rename(columns={"region_name": "gemeente"}), ["gemeente_code"])
    return rows[["gemeente_code", "gemeente", "reliability", "note"]].sort_values("gemeente").reset_index(drop=True)


def trend_frame(
    indicators: pd.DataFrame, sectors: tuple[str, ...], indicator: str = "tekort_fte", forecast_vintage: str = "2022-12"
) -> pd.DataFrame:
    """National trend per sector: measured series plus, as separate series, the forecast of one vintage.

    Measured and forecast rows carry `kind` and their own series label, so a chart never joins them.
    """
    parts = []
    for sector in sectors:
        measured = national_series(indicators, sector, indicator).assign(
            sector=sector, kind="meting", reeks=f"{sector} gemeten"
        )
        parts.append(measured)
        forecast = indicators[
            (indicators["indicator"] == f"geraamd_{indicator}")
            & (indicators["sector"] == sector)
            & (indicators["kind"] == "raming")
            & (indicators["categorie"] == f"landelijk (raming van {forecast_vintage})")
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


def solid_only(series: pd.DataFrame) -> pd.DataFrame:
    return series[series["reliability"].isin(["solid", "solid-but-parsed"])]


def figures_by_indicator(indicators: pd.DataFrame, categorie: str) -> dict[str, pd.Series]:
    """{indicator: row} for a group of single figures (e.g. the werkplan results), first row per indicator."""
    rows = indicators[indicators["categorie"] == categorie].drop_duplicates("indicator")
    return {r["indicator"]: r for _, r in rows.iterrows()}
