"""Pure aggregations: (frames, filters) -> DataFrame. No Streamlit here; unit-tested on small frames.

Each function returns exactly the frame a chart, its table and its CSV download show.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd

# Re-exported (pages call metrics.expand_members); defined in the data layer, which the build uses.
from dashboard.data.members import RELIABILITY_RANK as RELIABILITY_RANK
from dashboard.data.members import expand_members as expand_members
from dashboard.format import SECTOR_LABELS, fmt_number, fmt_peildatum, indicator_label, reliability_label
from dashboard.texts import BENADERINGEN, OPLEIDING_LABELS, VACATURE_TELLINGEN, VERTREKREDENEN

MAP_LEVELS = ("arbeidsmarktregio", "gemeente")
SHOWN_COLUMNS = ["region_code", "region_name", "geo_level", "value", "unit", "peildatum", "reliability", "source_id"]


def _best_per(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per key: the most reliable one (ties: first in data order)."""
    ranked = frame.assign(_rank=frame["reliability"].map(RELIABILITY_RANK).fillna(9))
    ranked = ranked.sort_values(keys + ["_rank"], kind="stable")
    return ranked.drop_duplicates(keys).drop(columns="_rank")


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


def regional_peildata(indicators: pd.DataFrame, sector: str, indicator: str = "tekort_pct") -> tuple[str, ...]:
    """The peildata with a regional map measurement, oldest first (a new measurement adds one, no code change)."""
    return tuple(_map_sources(_map_rows(indicators, sector, indicator))["peildatum"])


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
        & (indicators["kind"] == "meting")
    ]
    rows = rows.assign(_date=rows["peildatum"].str.rstrip("?"))
    best = _best_per(rows, ["_date"]).sort_values("_date")
    return best[["region_name", "peildatum", "year", "value", "unit", "reliability", "source_id", "note"]].reset_index(
        drop=True
    )


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


ONDERWIJSREGIO_FACTS = (
    "aanvragen_voorloper",
    "voorlopers",
    "onderwijsregios",
    "dekkingsgraad_po",
    "dekkingsgraad_vo",
    "dekkingsgraad_mbo",
)


def onderwijsregio_counts(indicators: pd.DataFrame) -> pd.DataFrame:
    """Headline counts and coverage of the onderwijsregio's (voorlopers, 2025 network, dekkingsgraad)."""
    rows = indicators[
        indicators["indicator"].isin(ONDERWIJSREGIO_FACTS) & (indicators["categorie"] == "onderwijsregio's")
    ]
    return (
        rows[["indicator", "sector", "year", "value", "unit", "reliability", "source_id", "note"]]
        .sort_values(["indicator", "year"])
        .reset_index(drop=True)
    )


def onderwijsregio_overview(onderwijsregios: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per onderwijsregio label with how well its gemeenten are known (members = expand_members(...))."""
    known = members.groupby("onderwijsregio_code").agg(gemeenten=("gemeente_code", "nunique")).reset_index()
    solid = members[members["reliability"].isin(["solid", "secondary"])]
    solid = solid.groupby("onderwijsregio_code").agg(gemeenten_zeker=("gemeente_code", "nunique")).reset_index()
    out = onderwijsregios.merge(known, on="onderwijsregio_code", how="left").merge(
        solid, on="onderwijsregio_code", how="left"
    )
    out[["gemeenten", "gemeenten_zeker"]] = out[["gemeenten", "gemeenten_zeker"]].fillna(0).astype(int)
    status_order = {"voorloper": 0, "in oprichting": 1}
    out = out.assign(_o=out["status"].map(status_order).fillna(2)).sort_values(["_o", "onderwijsregio"])
    return out.drop(columns="_o").reset_index(drop=True)


def onderwijsregio_gemeenten(code: str, members: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """The gemeenten of one onderwijsregio, most reliable membership per gemeente (members = expand_members(...))."""
    rows = members[members["onderwijsregio_code"] == code]
    names = regions[regions["geo_level"] == "gemeente"][["region_code", "region_name"]]
    rows = rows.merge(names, left_on="gemeente_code", right_on="region_code")
    rows = _best_per(rows.rename(columns={"region_name": "gemeente"}), ["gemeente_code"])
    return rows[["gemeente_code", "gemeente", "reliability", "note"]].sort_values("gemeente").reset_index(drop=True)


FORECAST_CATEGORY = "landelijk (raming van {})"


def latest_forecast_vintage(indicators: pd.DataFrame, indicator: str = "tekort_fte") -> str | None:
    """When the newest national forecast of `indicator` was made (from its categorie, e.g. '2022-12')."""
    rows = indicators[(indicators["indicator"] == f"geraamd_{indicator}") & (indicators["kind"] == "raming")]
    vintages = rows["categorie"].str.extract(r"^landelijk \(raming van (.+)\)$")[0].dropna()
    # '~2017' (an approximate vintage) sorts by its digits, not by the '~'
    return max(vintages, key=lambda v: "".join(ch for ch in v if ch.isdigit())) if len(vintages) else None


def trend_frame(
    indicators: pd.DataFrame,
    sectors: tuple[str, ...],
    indicator: str = "tekort_fte",
    forecast_vintage: str | None = None,
) -> pd.DataFrame:
    """National trend per sector: measured series plus, as separate series, the forecast of one vintage (the newest
    unless given). Measured and forecast rows carry `kind` and their own series label, so a chart never joins them.
    """
    forecast_vintage = forecast_vintage or latest_forecast_vintage(indicators, indicator)
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


def rows_where(frame: pd.DataFrame, not_empty: tuple[str, ...] = (), **conditions: object) -> pd.DataFrame:
    """Rows where each column equals its value (or is one of the values of a tuple) and the `not_empty` columns
    are not "". Pages select through this (cached) instead of filtering inline on every rerun."""
    keep = pd.Series(True, index=frame.index)
    for column, value in conditions.items():
        keep &= frame[column].isin(value) if isinstance(value, tuple) else frame[column] == value
    for column in not_empty:
        keep &= frame[column] != ""
    return frame[keep]


def renamed(frame: pd.DataFrame, **names: str) -> pd.DataFrame:
    """The frame with columns renamed (old=new), e.g. year="jaar" for a chart axis."""
    return frame.rename(columns=names)


def with_year_label(frame: pd.DataFrame, as_text: bool = False) -> pd.DataFrame:
    """The frame plus a column `jaar` (the year; as text for a categorical axis)."""
    return frame.assign(jaar=frame["year"].astype(str) if as_text else frame["year"])


def complete_rows(frame: pd.DataFrame, columns: tuple[str, ...], how: str = "any") -> pd.DataFrame:
    """Rows with a value in all (`how="any"` missing drops) or at least one (`how="all"`) of `columns`."""
    return frame.dropna(subset=list(columns), how=how)


def solid_only(series: pd.DataFrame) -> pd.DataFrame:
    return series[series["reliability"].isin(["solid", "solid-but-parsed"])]


def figures_by_indicator(indicators: pd.DataFrame, categorie: str) -> dict[str, pd.Series]:
    """{indicator: row} for a group of single figures (e.g. the werkplan results), first row per indicator."""
    rows = indicators[indicators["categorie"] == categorie].drop_duplicates("indicator")
    return {r["indicator"]: r for _, r in rows.iterrows()}


def figures(indicators: pd.DataFrame, indicator: str, **equals: str) -> pd.DataFrame:
    """Rows of one indicator, optional column == value filters; most reliable per (categorie, vak, peildatum)."""
    rows = indicators[indicators["indicator"] == indicator]
    for column, value in equals.items():
        rows = rows[rows[column] == value]
    return (
        _best_per(rows, ["categorie", "vak", "peildatum"])
        .sort_values(["categorie", "vak", "year"])
        .reset_index(drop=True)
    )


# --- Opleiden -------------------------------------------------------------------------------------------------------

OPLEIDING_CODES = {
    "pabo": "hbo primair onderwijs (pabo)",
    "pwpo": "wo primair onderwijs (PWPO)",
    "hbo2": "hbo tweedegraads",
    "hbo1": "hbo eerstegraads",
    "wo1": "wo eerstegraads (ULO)",
}


def opleiding_instroom(indicators: pd.DataFrame, codes: list[str], years: tuple[int, int]) -> pd.DataFrame:
    """Intake of the lerarenopleidingen (one consistent OCW series) for the chosen types and years, each row named
    by its Dutch label (`opleiding`, texts.OPLEIDING_LABELS) as the selector names it."""
    wanted = {OPLEIDING_CODES[c]: OPLEIDING_LABELS[c] for c in codes if c in OPLEIDING_CODES}
    rows = figures(indicators, "instroom_opleiding")
    rows = rows[rows["categorie"].isin(wanted) & rows["year"].between(*years)]
    rows = rows.assign(opleiding=rows["categorie"].map(wanted))
    return rows[["opleiding", "year", "value", "unit", "reliability", "source_id"]].reset_index(drop=True)


def diplomas_per_vak(indicators: pd.DataFrame, vakken: list[str]) -> pd.DataFrame:
    rows = figures(indicators, "diplomas_hbo_2e_graads")
    rows = rows[rows["vak"].isin(vakken)] if vakken else rows
    return rows[["vak", "year", "value", "unit", "reliability", "source_id"]].reset_index(drop=True)


def zij_instroom_series(indicators: pd.DataFrame) -> pd.DataFrame:
    """Zij-instromers with a subsidy per year, all sectors; the exact 2023 figure from the Kamerbrief replaces the
    rounded 'bijna 2.300', and 2024 (a slightly different count: 'zij-instromende leraren') is labelled as such."""
    main = figures(indicators, "zij_instromers_met_subsidie_toegekend").assign(definitie="zij-instromers met subsidie")
    exact = figures(indicators, "zij_instromers_met_subsidie").assign(definitie="zij-instromers met subsidie")
    later = figures(indicators, "zij_instromende_leraren").assign(definitie="zij-instromende leraren")
    main = main[~main["year"].isin(exact["year"])]
    out = pd.concat([main, exact, later], ignore_index=True).sort_values("year")
    out = out.assign(benadering=out["unit"].map(approximation))  # 'circa 2.000', never an exact-looking 2.000
    return out[["year", "value", "benadering", "unit", "definitie", "reliability", "source_id", "note"]].reset_index(
        drop=True
    )


# --- Bevoegdheden ---------------------------------------------------------------------------------------------------


def vak_key(name: str) -> str:
    """Join key for vak names that differ between the Centerdata and IPTO tables."""
    key = name.lower().replace(" (avo)", "").replace("natuurkunde-scheikunde", "nask").strip()
    return {"geschiedenis (en staatsinrichting)": "geschiedenis", "nask (nask)": "nask"}.get(key, key)


def vak_peildata(indicators: pd.DataFrame, indicator: str) -> tuple[str, ...]:
    """The peildata at which `indicator` was published per vak (vo), oldest first."""
    vo = indicators[(indicators["sector"] == "vo") & (indicators["vak"] != "")]
    rows = vo[vo["indicator"] == indicator]
    return tuple(sorted(rows["peildatum"].unique()))


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


def select_vakken(table: pd.DataFrame, vakken: tuple[str, ...], order: str) -> pd.DataFrame:
    """The chosen vakken (all when none is chosen), in the chosen order."""
    return sort_vakken(table[table["vak"].isin(vakken)] if vakken else table, order)


def sort_vakken(table: pd.DataFrame, order: str) -> pd.DataFrame:
    columns = {"tekort": ("tekort_pct", False), "onbevoegd": ("onbevoegd_pct", False), "vak": ("vak", True)}
    column, ascending = columns[order]
    return table.sort_values(column, ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)


# --- Onderwijstijd --------------------------------------------------------------------------------------------------

LEVEL_LABELS = {
    "primary": "basisonderwijs",
    "primary (ISCED 1)": "basisonderwijs",
    "po (primary)": "basisonderwijs",
    "lower secondary (general)": "onderbouw vo",
    "lower secondary": "onderbouw vo",
    "upper secondary (general)": "bovenbouw vo",
    "upper secondary": "bovenbouw vo",
    "vo (secondary)": "vo (alle leerjaren)",
}
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


def teaching_time(indicators: pd.DataFrame, sector: str) -> pd.DataFrame:
    """Net teaching hours per year of a full-time teacher: the Netherlands against OECD/EU averages (latest per
    area and level), with the reference year per bar."""
    rows = indicators[
        indicators["indicator"].isin(["statutory_net_teaching_time", "teaching_hours_per_year"])
        & indicators["categorie"].isin(OECD_LEVEL.get(sector, ()))
        & (indicators["peildatum"] != "onbekend")
    ]
    rows = rows.assign(_rank=rows["reliability"].map(RELIABILITY_RANK))
    rows = rows.assign(niveau=rows["categorie"].map(LEVEL_LABELS))
    latest = rows.sort_values(["region_name", "niveau", "year", "_rank"], ascending=[True, True, False, True])
    latest = latest.drop_duplicates(["region_name", "niveau"]).drop(columns="_rank")
    latest = latest.assign(
        label=latest["region_name"] + " · " + latest["niveau"] + " (" + latest["year"].astype(str) + ")"
    )
    return (
        latest[["label", "region_name", "niveau", "year", "value", "unit", "reliability", "source_id"]]
        .sort_values("value", ascending=False)
        .reset_index(drop=True)
    )


def teaching_time_trend(indicators: pd.DataFrame) -> pd.DataFrame:
    """Primary: NL vs OECD average per year, one consistent OECD.Stat export."""
    rows = indicators[
        (indicators["indicator"] == "statutory_net_teaching_time") & (indicators["source_id"] == "OECD_STAT_VIA_REPO")
    ]
    return (
        rows[["region_name", "year", "value", "unit", "reliability", "source_id"]]
        .sort_values(["region_name", "year"])
        .reset_index(drop=True)
    )


def instruction_time(indicators: pd.DataFrame) -> pd.DataFrame:
    """Compulsory instruction time of pupils; `niveau` is the school level in Dutch."""
    rows = indicators[indicators["indicator"] == "compulsory_instruction_time_students"]
    out = rows[["region_name", "categorie", "year", "value", "unit", "reliability", "source_id"]].reset_index(drop=True)
    return out.assign(niveau=out["categorie"].map(LEVEL_LABELS))


# --- Behoud & werving -----------------------------------------------------------------------------------------------

DAY_FTE = 0.2  # one working day in a five-day week
# Meaningful range of each calculator input: (label, lowest, highest, unit). The page's widgets use the same bounds;
# a value from a link outside them is refused instead of being clamped into a silent "0 fte".
MEER_UREN_BOUNDS = {
    "shortage_pct": ("Tekort", 0.0, 100.0, "%"),
    "deeltijd_pct": ("Aandeel leraren dat in deeltijd werkt", 0.0, 100.0, "%"),
    "extra_pct": ("Aandeel deeltijders dat extra gaat werken", 0.0, 100.0, "%"),
    "gem_fte": ("Gemiddelde aanstelling van een leraar", 0.1, 1.0, " fte"),
    "extra_fte": ("Extra aanstelling per deeltijder", 0.01, 1.0, " fte"),
}


def _short(value: float) -> str:
    """0.1 -> '0,1', 100.0 -> '100': Dutch, without trailing zeros."""
    return fmt_number(value, 2).rstrip("0").rstrip(",")


class OutOfRange(ValueError):
    """A calculator input outside its range; the Dutch message names the input, the value and the range."""

    def __init__(self, field: str, value: float) -> None:
        label, low, high, unit = MEER_UREN_BOUNDS[field]
        given = f"{_short(value)}{unit} valt buiten het bereik" if math.isfinite(value) else "geen getal; het bereik is"
        super().__init__(f"{label}: {given} {_short(low)}–{_short(high)}{unit}.")
        self.field = field
        self.value = value


def check_meer_uren(**inputs: float) -> None:
    """Raise OutOfRange for the first input outside MEER_UREN_BOUNDS (NaN and infinity included)."""
    for field, value in inputs.items():
        _, low, high, _ = MEER_UREN_BOUNDS[field]
        if not (math.isfinite(value) and low <= value <= high):
            raise OutOfRange(field, value)


def meer_uren(
    shortage_pct: float,
    deeltijd_pct: float,
    extra_pct: float,
    gem_fte: float,
    extra_fte: float = DAY_FTE,
    werkgelegenheid_fte: float | None = None,
) -> dict[str, float | None]:
    """What working more hours yields against the shortage.

    Per fte of werkgelegenheid there are 1/gem_fte teachers; deeltijd_pct of them work part-time and extra_pct of
    those add extra_fte. Extra fte as a share of werkgelegenheid = deeltijd * extra * extra_fte / gem_fte; the share
    of the shortage covered is that divided by the shortage (both in % of werkgelegenheid), so no regional
    werkgelegenheid is needed. With a werkgelegenheid the same result is also given in fte.
    An input outside its range raises OutOfRange (never a result computed from a meaningless input).
    """
    check_meer_uren(
        shortage_pct=shortage_pct, deeltijd_pct=deeltijd_pct, extra_pct=extra_pct, gem_fte=gem_fte, extra_fte=extra_fte
    )
    if werkgelegenheid_fte is not None and not (math.isfinite(werkgelegenheid_fte) and werkgelegenheid_fte >= 0):
        raise ValueError(f"De werkgelegenheid ({werkgelegenheid_fte}) moet een getal van 0 fte of meer zijn.")
    extra_share_pct = (deeltijd_pct / 100) * (extra_pct / 100) * extra_fte / gem_fte * 100
    covered = extra_share_pct / shortage_pct * 100 if shortage_pct > 0 else None
    return {
        "extra_pct_werkgelegenheid": extra_share_pct,
        "dekking_pct": covered,
        "extra_fte": None if werkgelegenheid_fte is None else extra_share_pct / 100 * werkgelegenheid_fte,
        "tekort_fte": None if werkgelegenheid_fte is None else shortage_pct / 100 * werkgelegenheid_fte,
    }


def vertrekredenen(indicators: pd.DataFrame) -> pd.DataFrame:
    rows = indicators[indicators["indicator"].str.startswith("vertrekmotief_")]
    rows = _best_per(rows, ["indicator"])
    ids = rows["indicator"].str.removeprefix("vertrekmotief_")
    rows = rows.assign(reden=ids.map(lambda i: VERTREKREDENEN.get(i, i.replace("_", " ").capitalize())))
    return (
        rows[["reden", "value", "unit", "year", "reliability", "source_id"]]
        .sort_values("value", ascending=False)
        .reset_index(drop=True)
    )


def uitstroom(indicators: pd.DataFrame) -> pd.DataFrame:
    rows = indicators[indicators["indicator"] == "personeel_uitstroom_buiten_onderwijs"]
    rows = rows[rows["peildatum"].str.fullmatch(r"\d{4}")]  # single years; multi-year averages stay out
    rows = _best_per(rows, ["sector", "peildatum"])
    return (
        rows[["sector", "peildatum", "year", "value", "unit", "reliability", "source_id", "note"]]
        .sort_values(["sector", "year"])
        .reset_index(drop=True)
    )


def approximation(unit: str) -> str:
    """'vacatures (ruim)' -> 'ruim': the word in a unit that says the figure is approximate ('' when exact)."""
    inside = unit[unit.find("(") + 1 : unit.rfind(")")] if "(" in unit else ""
    return next((word for word in BENADERINGEN if word in inside.split()), "")


def _vacancy_label(row: pd.Series) -> str:
    """What one bar of a vacancy count is: the schooljaar, month or quarter, and the sector where it varies."""
    period = str(row["peildatum"])
    period = "schooljaar " + period.replace("/20", "/") if "/" in period else fmt_peildatum(period)
    return f"{row['categorie']}, {period}" if row["indicator"] == "openstaande_vacatures_uwv" else period


def vacatures(indicators: pd.DataFrame) -> pd.DataFrame:
    """The vacancy counts, one block per definition (texts.VACATURE_TELLINGEN, in that order), newest first within a
    block; `benadering` holds 'ruim'/'circa' from the unit, so an approximate figure is never shown as exact."""
    rows = indicators[indicators["indicator"].isin(VACATURE_TELLINGEN)]
    rows = _best_per(rows, ["indicator", "sector", "peildatum"])
    if rows.empty:
        return pd.DataFrame(columns=["telling", "label", "value", "benadering", "peildatum", "reliability",
                                     "source_id", "note"])
    order = {indicator: i for i, indicator in enumerate(VACATURE_TELLINGEN)}
    rows = rows.assign(
        telling=rows["indicator"].map(VACATURE_TELLINGEN),
        label=rows.apply(_vacancy_label, axis=1),
        benadering=rows["unit"].map(approximation),
        _order=rows["indicator"].map(order),
        _sector=rows["sector"].map({s: i for i, s in enumerate(("alle", *SECTOR_LABELS))}),  # the total first
    )
    rows = rows.sort_values(["_order", "_sector", "peildatum"], ascending=[True, True, False])
    return rows[["telling", "label", "value", "benadering", "unit", "peildatum", "reliability", "source_id",
                 "note"]].reset_index(drop=True)


def pabo_eerstejaars(indicators: pd.DataFrame) -> pd.DataFrame:
    """Pabo intake from other counts than the OCW instroom series (eerstejaars, gestarte studenten; news and DUO
    via news), per studiejaar: a series of its own, never joined to the OCW line."""
    labels = {"opleiding_eerstejaars": "eerstejaars", "opleiding_gestart": "gestarte studenten"}
    rows = indicators[indicators["indicator"].isin(labels) & (indicators["categorie"] == "pabo")]
    rows = _best_per(rows, ["indicator", "year"])
    rows = rows.assign(
        telling=rows["indicator"].map(labels),
        studiejaar=rows["year"].map(lambda y: f"{int(y)}/{str(int(y) + 1)[2:]}"),
        benadering=rows["unit"].map(approximation),
    )
    return rows[["telling", "year", "studiejaar", "value", "benadering", "unit", "peildatum", "reliability",
                 "source_id", "note"]].sort_values(["telling", "year"]).reset_index(drop=True)


def mbo_prognose(indicators: pd.DataFrame) -> pd.DataFrame:
    """The forecast of the number of mbo teachers needed (fte per year), newest vintage: a raming of demand, not a
    shortage."""
    rows = indicators[(indicators["indicator"] == "benodigde_leraren_fte") & (indicators["sector"] == "mbo")
                      & (indicators["kind"] == "raming")]
    vintages = rows["categorie"].str.extract(r"\(raming van (.+)\)$")[0]
    vintage = max(vintages.dropna(), key=lambda v: "".join(c for c in v if c.isdigit()), default=None)
    rows = _best_per(rows[vintages == vintage] if vintage else rows, ["year"])
    when = f" van {vintage.replace('~', 'ca. ')}" if vintage else ""
    return rows.assign(reeks=f"mbo, raming{when}")[
        ["reeks", "year", "value", "unit", "peildatum", "kind", "reliability", "source_id", "note"]
    ].sort_values("year").reset_index(drop=True)


def lerarenbeurs(indicators: pd.DataFrame) -> pd.DataFrame:
    wanted = {
        "lerarenbeurs_ingediend_totaal": "Ingediend",
        "lerarenbeurs_toegekend_totaal": "Toegekend",
        "lerarenbeurs_afgewezen": "Afgewezen",
    }
    rows = indicators[
        indicators["indicator"].isin(wanted) & (indicators["categorie"] == "totaal") & (indicators["year"] >= 2020)
    ]
    rows = _best_per(rows, ["indicator", "year"])
    rows = rows.assign(soort=rows["indicator"].map(wanted), jaar=rows["year"].astype(str))
    return (
        rows[["jaar", "soort", "value", "unit", "reliability", "source_id"]]
        .sort_values(["soort", "jaar"])
        .reset_index(drop=True)
    )


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


def gemeente_shortage(regional: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every gemeente with the shortage figure that applies to it: its own (G5) or its arbeidsmarktregio's."""
    gemeenten = regions[regions["geo_level"] == "gemeente"][["region_code", "arbeidsmarktregio_code"]]
    by_code = regional.set_index("region_code")["value"]
    own = gemeenten["region_code"].map(by_code)
    via_am = gemeenten["arbeidsmarktregio_code"].map(by_code)
    return (
        pd.DataFrame({"gemeente_code": gemeenten["region_code"], "value": own.fillna(via_am)})
        .dropna()
        .reset_index(drop=True)
    )


def werkgelegenheid_gemeente(indicators: pd.DataFrame, sector: str, year: int) -> pd.DataFrame:
    """Werkgelegenheid (fte) per gemeente for the loaded year closest to `year` (DUO import; empty if none)."""
    rows = indicators[
        (indicators["indicator"] == "werkgelegenheid_fte")
        & (indicators["sector"] == sector)
        & (indicators["geo_level"] == "gemeente")
    ]
    if rows.empty:
        return pd.DataFrame(columns=["gemeente_code", "fte", "year", "source_id"])
    years = rows["year"].dropna().astype(int).unique()
    closest = min(years, key=lambda y: (abs(y - year), -y))
    picked = rows[rows["year"] == closest].groupby(["region_code", "source_id"], as_index=False)["value"].sum()
    return picked.rename(columns={"region_code": "gemeente_code", "value": "fte"}).assign(year=int(closest))[
        ["gemeente_code", "fte", "year", "source_id"]
    ]


ONDERWIJSREGIO_COLUMNS = [
    "onderwijsregio",
    "value",
    "laagste",
    "hoogste",
    "tekort_fte",
    "werkgelegenheid_fte",
    "gemeenten",
    "gemeenten_met_cijfer",
    "weging",
    "peildatum",
    "reliability",
    "source_id",
]


def gemeente_figures(
    members: pd.DataFrame, regional: pd.DataFrame, regions: pd.DataFrame, werk: pd.DataFrame
) -> pd.DataFrame:
    """`members` (a column gemeentecode, other columns kept) with the figure that applies to each gemeente.

    Added: gemeente (name), arbeidsmarktregio_code, value (own G5 measurement, else its arbeidsmarktregio's),
    herkomst ('eigen meting', 'arbeidsmarktregio' or 'geen cijfer'), cijfer_van (the measured region's name)
    and fte (werkgelegenheid, NaN when not loaded).
    """
    gemeenten = regions[regions["geo_level"] == "gemeente"].set_index("region_code")
    names = regions.drop_duplicates("region_code").set_index("region_code")["region_name"]
    by_code = regional.set_index("region_code")["value"] if len(regional) else pd.Series(dtype=float)
    codes = members["gemeentecode"]
    am = codes.map(gemeenten["arbeidsmarktregio_code"])
    own, via_am = codes.map(by_code), am.map(by_code)
    herkomst = pd.Series("geen cijfer", index=members.index)
    herkomst = herkomst.mask(via_am.notna(), "arbeidsmarktregio").mask(own.notna(), "eigen meting")
    fte_by_code = werk.drop_duplicates("gemeente_code").set_index("gemeente_code")["fte"]  # one source per gemeente
    fte = codes.map(fte_by_code) if len(werk) else pd.Series(float("nan"), index=codes.index)
    return members.assign(
        gemeente=codes.map(gemeenten["region_name"]),
        arbeidsmarktregio_code=am,
        value=own.fillna(via_am).astype(float),
        herkomst=herkomst,
        cijfer_van=codes.where(own.notna(), am).map(names).where(own.notna() | via_am.notna()),
        fte=fte.astype(float),
    )


def derived_shortage(figures: pd.DataFrame, werk: pd.DataFrame) -> dict[str, object]:
    """The shortage of a set of gemeenten (rows of `gemeente_figures`): weighted by werkgelegenheid when that is
    loaded for every gemeente with a figure (then also in fte), else every gemeente counts equally."""
    known = figures.dropna(subset=["value"])
    out: dict[str, object] = {
        "value": None,
        "tekort_fte": None,
        "werkgelegenheid_fte": None,
        "gemeenten": len(figures),
        "gemeenten_met_cijfer": len(known),
        "weging": "ongewogen",
    }
    if known.empty:
        return out
    weighted = len(werk) > 0 and known["fte"].notna().all() and known["fte"].sum() > 0
    if weighted:
        total = float(known["fte"].sum())
        shortage_fte = float((known["value"] * known["fte"]).sum() / 100)
        out |= {
            "value": shortage_fte * 100 / total,
            "tekort_fte": shortage_fte,
            "werkgelegenheid_fte": total,
            "weging": f"werkgelegenheid {int(werk['year'].iloc[0])}",
        }
    else:
        out["value"] = float(known["value"].mean())
    return out


def onderwijsregio_shortage(
    definition: pd.DataFrame, regional: pd.DataFrame, regions: pd.DataFrame, werk: pd.DataFrame, sector: str
) -> pd.DataFrame:
    """Shortage per onderwijsregio from the figures of its gemeenten (G5 own figure, else arbeidsmarktregio).

    Weighted by werkgelegenheid (fte per gemeente, `werkgelegenheid_gemeente`) where that is loaded for every
    gemeente of the region, which also gives the shortage in fte; otherwise every gemeente counts equally and
    `weging` says so. Derived figures: reliability 'derived', source = the regional measurement.
    """
    if regional.empty:
        return pd.DataFrame(columns=ONDERWIJSREGIO_COLUMNS)
    members = definition[definition["sector"] == sector][["onderwijsregio", "gemeentecode"]]
    figures = gemeente_figures(members, regional, regions, werk)
    rows = [
        {
            "onderwijsregio": name,
            "laagste": group["value"].min(),
            "hoogste": group["value"].max(),
            **derived_shortage(group, werk),
        }
        for name, group in figures.groupby("onderwijsregio", sort=False)
        if group["value"].notna().any()
    ]
    out = pd.DataFrame(rows, columns=ONDERWIJSREGIO_COLUMNS[:9])
    first = regional.iloc[0]
    out = out.assign(peildatum=first["peildatum"], reliability="derived", source_id=first["source_id"])
    return out.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


# Which members an onderwijsregio's derived figure counts (URL leden=); the first is the default.
MEMBER_CHOICES = {
    "alle": "Alle gemeenten",
    "zonder-onzeker": "Zonder gemeenten met een onzeker lidmaatschap",
    "zonder-los": "Zonder gemeenten die los van de rest liggen",
}
APART = "ligt los van de rest"


def counted_members(
    codes: tuple[str, ...], reliability: Mapping[str, str], apart: tuple[str, ...], choice: str
) -> tuple[str, ...]:
    """The members the derived figure counts: all, all but those whose membership is 'uncertain' (onzeker), or all
    but those lying apart from the rest of the region (geo.apart)."""
    if choice == "zonder-onzeker":
        return tuple(c for c in codes if reliability.get(c) != "uncertain")
    if choice == "zonder-los":
        return tuple(c for c in codes if c not in set(apart))
    return tuple(codes)


class GemeentenProfile(NamedTuple):
    """Summary figures, the per-gemeente rows and the arbeidsmarktregio's spanned (see `gemeenten_profile`)."""

    summary: dict[str, object]
    gemeenten: pd.DataFrame
    arbeidsmarktregios: pd.DataFrame


UNSURE_MEMBERSHIP = ("secondary", "uncertain")
PROFILE_GEMEENTE_COLUMNS = [
    "gemeentecode",
    "gemeente",
    "value",
    "herkomst",
    "cijfer_van",
    "arbeidsmarktregio_code",
    "fte",
    "lidmaatschap",
]


def _spread_end(known: pd.DataFrame, lowest: bool) -> tuple[float | None, str]:
    """The lowest (highest) figure and the measured region(s) it comes from."""
    if known.empty:
        return None, ""
    value = float(known["value"].min() if lowest else known["value"].max())
    where = sorted(set(known.loc[known["value"] == value, "cijfer_van"].dropna()))
    return value, ", ".join(where)


def gemeenten_profile(
    gemeentecodes: Iterable[str],
    regional: pd.DataFrame,
    regions: pd.DataFrame,
    werk: pd.DataFrame,
    sector: str,
    national: float | None,
    reliability: Mapping[str, str] | None = None,
) -> GemeentenProfile:
    """Profile of an onderwijsregio or any set of gemeenten ('eigen regio') against the national figure.

    summary: sector, value (derived shortage, %), tekort_fte, werkgelegenheid_fte, weging, gemeenten,
    gemeenten_met_cijfer, gemeenten_zonder_cijfer, gemeenten_onzeker (membership secondary or uncertain, from
    `reliability` per gemeentecode), laagste/hoogste with laagste_bij/hoogste_bij (where measured),
    arbeidsmarktregios, landelijk, verschil (procentpunt), peildatum, reliability ('derived'), source_id.
    gemeenten: one row per gemeente (see `gemeente_figures`, plus lidmaatschap). arbeidsmarktregios: the measured
    figure of each arbeidsmarktregio spanned, with how many of the gemeenten lie in it.
    """
    codes = list(dict.fromkeys(gemeentecodes))
    members = pd.DataFrame({"gemeentecode": codes})
    membership = dict(reliability or {})
    members["lidmaatschap"] = [membership.get(c, "") for c in codes]
    figures = gemeente_figures(members, regional, regions, werk)
    figures = figures.sort_values(["gemeente", "gemeentecode"], na_position="last").reset_index(drop=True)
    figures = figures[PROFILE_GEMEENTE_COLUMNS]
    known = figures.dropna(subset=["value"])
    low, low_at = _spread_end(known, lowest=True)
    high, high_at = _spread_end(known, lowest=False)
    per_am = _arbeidsmarktregios(figures, regional, regions)
    summary = derived_shortage(figures, werk)
    first = regional.iloc[0] if len(regional) else None
    summary |= {
        "sector": sector,
        "gemeenten_zonder_cijfer": len(figures) - len(known),
        "gemeenten_onzeker": int(figures["lidmaatschap"].isin(UNSURE_MEMBERSHIP).sum()),
        "laagste": low,
        "laagste_bij": low_at,
        "hoogste": high,
        "hoogste_bij": high_at,
        "arbeidsmarktregios": len(per_am),
        "landelijk": national,
        "verschil": None if national is None or summary["value"] is None else summary["value"] - national,
        "peildatum": "" if first is None else first["peildatum"],
        "reliability": "derived",
        "source_id": "" if first is None else first["source_id"],
    }
    return GemeentenProfile(summary, figures, per_am)


def _arbeidsmarktregios(figures: pd.DataFrame, regional: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Arbeidsmarktregio's of the gemeenten with their measured figure (excl. G5) and gemeenten counts."""
    columns = ["arbeidsmarktregio_code", "arbeidsmarktregio", "value", "gemeenten", "gemeenten_eigen_meting"]
    rows = figures.dropna(subset=["arbeidsmarktregio_code"])
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby("arbeidsmarktregio_code").agg(
        gemeenten=("gemeentecode", "size"),
        gemeenten_eigen_meting=("herkomst", lambda h: int((h == "eigen meting").sum())),
    )
    out = grouped.reset_index()
    names = regions[regions["geo_level"] == "arbeidsmarktregio"].set_index("region_code")["region_name"]
    out["arbeidsmarktregio"] = out["arbeidsmarktregio_code"].map(names).fillna(out["arbeidsmarktregio_code"])
    by_code = regional.set_index("region_code")["value"] if len(regional) else pd.Series(dtype=float)
    out["value"] = out["arbeidsmarktregio_code"].map(by_code).astype(float)
    out = out.sort_values(["gemeenten", "arbeidsmarktregio_code"], ascending=[False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def onderwijsregio_profile(
    definition: pd.DataFrame,
    onderwijsregio: str,
    sector: str,
    regional: pd.DataFrame,
    regions: pd.DataFrame,
    werk: pd.DataFrame,
    national: float | None,
) -> GemeentenProfile:
    """`gemeenten_profile` of one onderwijsregio of the definition, its memberships' reliability included."""
    rows = definition[(definition["onderwijsregio"] == onderwijsregio) & (definition["sector"] == sector)]
    reliability = dict(zip(rows["gemeentecode"], rows["reliability"]))
    return gemeenten_profile(rows["gemeentecode"], regional, regions, werk, sector, national, reliability)


def onderwijsregio_overlaps(definition: pd.DataFrame, sector: str, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Gemeenten that lie in more than one onderwijsregio of one sector: gemeentecode, gemeente (name, when
    `regions` is given), onderwijsregios ('; '-joined, sorted) and aantal; most regions first."""
    rows = definition[definition["sector"] == sector].drop_duplicates(["onderwijsregio", "gemeentecode"])
    grouped = rows.groupby("gemeentecode")["onderwijsregio"].agg(lambda s: "; ".join(sorted(s))).reset_index()
    grouped["aantal"] = grouped["onderwijsregio"].str.count("; ") + 1
    out = grouped[grouped["aantal"] > 1].rename(columns={"onderwijsregio": "onderwijsregios"})
    names = {} if regions is None else dict(zip(regions["region_code"], regions["region_name"]))
    out = out.assign(gemeente=[names.get(c, "") for c in out["gemeentecode"]])
    out = out.sort_values(["aantal", "gemeente", "gemeentecode"], ascending=[False, True, True], kind="stable")
    return out[["gemeentecode", "gemeente", "onderwijsregios", "aantal"]].reset_index(drop=True)


def overlap_summary(definition: pd.DataFrame) -> pd.DataFrame:
    """Per sector: gemeenten in the definition, how many of them lie in more than one onderwijsregio, and the
    largest number of regions one gemeente is in."""
    rows = []
    for sector in sorted(definition["sector"].unique()):
        overlaps = onderwijsregio_overlaps(definition, sector)
        in_sector = definition.loc[definition["sector"] == sector, "gemeentecode"].nunique()
        rows.append(
            {
                "sector": sector,
                "gemeenten": in_sector,
                "gemeenten_in_meer_regios": len(overlaps),
                "meeste_regios": int(overlaps["aantal"].max()) if len(overlaps) else 1 if in_sector else 0,
            }
        )
    return pd.DataFrame(rows, columns=["sector", "gemeenten", "gemeenten_in_meer_regios", "meeste_regios"])


# --- Onderwijsregio's page ------------------------------------------------------------------------------------------


def onderwijsregio_slug(name: str) -> str:
    """The URL code of an onderwijsregio that has none in the register (an imported or own definition)."""
    import re

    return "OR-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def onderwijsregio_table(shortage: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """`onderwijsregio_shortage` with each region's URL code (from the register by name, else a slug) and status."""
    by_name = dict(zip(register["onderwijsregio"], register["onderwijsregio_code"]))
    codes = shortage["onderwijsregio"].map(lambda n: by_name.get(n) or onderwijsregio_slug(n))
    status = dict(zip(register["onderwijsregio_code"], register["status"]))
    return shortage.assign(onderwijsregio_code=codes, status=codes.map(status).fillna("eigen indeling"))


def compare_onderwijsregios(table: pd.DataFrame, chosen: list[str], national: float | None) -> pd.DataFrame:
    """The chosen onderwijsregio's (2 or more, in the order chosen) with the national figure and the difference."""
    known = [c for c in chosen if c in set(table["onderwijsregio_code"])]
    frame = table.set_index("onderwijsregio_code").reindex(known).reset_index() if len(known) >= 2 else table.iloc[:0]
    return frame.assign(landelijk=national, verschil=frame["value"] - national if national is not None else None)


def gemeente_names(regions: pd.DataFrame) -> dict[str, str]:
    """gemeentecode -> name, alphabetically by name (the list an own region is chosen from)."""
    rows = regions[regions["geo_level"] == "gemeente"].sort_values("region_name")
    return dict(zip(rows["region_code"], rows["region_name"]))


def latest_counts(counts: pd.DataFrame) -> dict[str, tuple[float, int]]:
    """indicator -> (value, year) of the latest figure of each count about the onderwijsregio's."""
    latest = counts.sort_values("year").groupby("indicator").tail(1)
    return {r.indicator: (float(r.value), int(r.year)) for r in latest.itertuples()}


def coverage_frame(counts: pd.DataFrame) -> pd.DataFrame:
    """The coverage figures (dekkingsgraad per sector and year) ready for a grouped bar."""
    rows = counts[counts["indicator"].str.startswith("dekkingsgraad")]
    return rows.assign(jaar=rows["year"].astype(str), sector_label=rows["indicator"].str.replace("dekkingsgraad_", ""))


def with_sector_labels(frame: pd.DataFrame, column: str = "sectors") -> pd.DataFrame:
    from dashboard.format import fmt_sectors

    return frame.assign(**{column: frame[column].map(fmt_sectors)})

