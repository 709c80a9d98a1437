"""Opleiden: intake of teacher training, diplomas per vak, zij-instroom, pabo first-years, the mbo prognosis.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import cached
from dashboard.metrics.frames import _best_per, approximation, figures
from dashboard.texts import OPLEIDING_LABELS

OPLEIDING_CODES = {
    "pabo": "hbo primair onderwijs (pabo)",
    "pwpo": "wo primair onderwijs (PWPO)",
    "hbo2": "hbo tweedegraads",
    "hbo1": "hbo eerstegraads",
    "wo1": "wo eerstegraads (ULO)",
}


@cached.metric
def instroom_opleidingen(indicators: pd.DataFrame, codes: list[str], years: tuple[int, int]) -> pd.DataFrame:
    """Intake of the lerarenopleidingen (one consistent OCW series) for the chosen types and years, each row named
    by its Dutch label (`opleiding`, texts.OPLEIDING_LABELS) as the selector names it."""
    wanted = {OPLEIDING_CODES[c]: OPLEIDING_LABELS[c] for c in codes if c in OPLEIDING_CODES}
    rows = figures(indicators, "instroom_opleiding")
    rows = rows[rows["categorie"].isin(wanted) & rows["year"].between(*years)]
    rows = rows.assign(opleiding=rows["categorie"].map(wanted))
    return rows[["opleiding", "year", "value", "unit", "reliability", "source_id"]].reset_index(drop=True)


@cached.metric
def diplomas_per_vak(indicators: pd.DataFrame, vakken: list[str]) -> pd.DataFrame:
    rows = figures(indicators, "diplomas_hbo_2e_graads")
    rows = rows[rows["vak"].isin(vakken)] if vakken else rows
    return rows[["vak", "year", "value", "unit", "reliability", "source_id"]].reset_index(drop=True)


@cached.metric
def zij_instroom(indicators: pd.DataFrame) -> pd.DataFrame:
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


@cached.metric
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
    return (
        rows[
            [
                "telling",
                "year",
                "studiejaar",
                "value",
                "benadering",
                "unit",
                "peildatum",
                "reliability",
                "source_id",
                "note",
            ]
        ]
        .sort_values(["telling", "year"])
        .reset_index(drop=True)
    )


@cached.metric
def mbo_prognose(indicators: pd.DataFrame) -> pd.DataFrame:
    """The forecast of the number of mbo teachers needed (fte per year), newest vintage: a raming of demand, not a
    shortage."""
    rows = indicators[
        (indicators["indicator"] == "benodigde_leraren_fte")
        & (indicators["sector"] == "mbo")
        & (indicators["kind"] == "raming")
    ]
    vintages = rows["categorie"].str.extract(r"\(raming van (.+)\)$")[0]
    vintage = max(vintages.dropna(), key=lambda v: "".join(c for c in v if c.isdigit()), default=None)
    rows = _best_per(rows[vintages == vintage] if vintage else rows, ["year"])
    when = f" van {vintage.replace('~', 'ca. ')}" if vintage else ""
    return (
        rows.assign(reeks=f"mbo, raming{when}")[
            ["reeks", "year", "value", "unit", "peildatum", "kind", "reliability", "source_id", "note"]
        ]
        .sort_values("year")
        .reset_index(drop=True)
    )
