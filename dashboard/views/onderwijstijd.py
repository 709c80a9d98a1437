"""Onderwijstijd: teaching hours against the OECD and EU, instruction time of pupils, the pilot in the vo."""

from __future__ import annotations

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.charts.basic import PALETTE
from dashboard.data.model.sectors import REGIONAL_SECTORS, regional_sector
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_number
from dashboard.tables import labels
from dashboard.views.base import ChartView, FiguresView, chart, figures_view

PILOT = (
    "pilot_onderwijstijd_scholen_totaal",
    "pilot_onderwijstijd_scholen_start_sept_2024",
    "pilot_onderwijstijd_scholen_start_sept_2025",
)


def _rows(session: SessionData | None) -> pd.DataFrame:
    return cache.indicators(geo_levels=("land", "internationaal"), session=session)


# One colour per area, the same in every chart of the page (Nederland the accent colour).
AREA_COLORS = {"Nederland": PALETTE[1], "OESO-gemiddelde": PALETTE[0], "EU-gemiddelde": PALETTE[2]}


def _years(frame: pd.DataFrame) -> str:
    years = frame["year"].dropna().astype(int) if len(frame) else pd.Series(dtype=int)
    if years.empty:
        return ""
    return str(years.min()) if years.min() == years.max() else f"{years.min()}-{years.max()}"


@cache.view
def lesuren(sector: str, session: SessionData | None = None) -> ChartView:
    level = regional_sector(sector)
    frame = cache.lesuren(_rows(session), level)
    years = frame["year"].nunique() if len(frame) else 0
    return chart(
        f"lesuren_{level}",
        f"Lesuren per jaar van een voltijdleraar, {level}: Nederland en internationaal"
        + (f", verschillende jaren ({_years(frame)})" if years > 1 else ""),
        frame,
        lambda: cache.hbar(frame, "label", "value", "uur", color_by=("region_name", AREA_COLORS)),
        labels(("region_name", "Gebied"), ("niveau", "Niveau"), "year", ("value", "Lesuren per jaar"), "reliability"),
        {"value": fmt_number},
        cache.table("sources", session),
        note="Netto lesuren per jaar (wettelijk of volgens cao) van een voltijdleraar; voor elke staaf staat het jaar "
        "waarop het cijfer betrekking heeft. De jaren verschillen per staaf, dus de staven zijn geen vergelijking "
        "in hetzelfde jaar: die staat in de grafiek hieronder (Nederland en OESO in dezelfde jaren).",
        describe=lambda f: words.ranking(f, "label", "value", hours_text, "aantal lesuren"),
    )


@cache.view
def lesuren_trend(session: SessionData | None = None) -> ChartView:
    frame = cache.lesuren_trend(_rows(session))
    return chart(
        "lesuren_trend",
        f"Basisonderwijs: Nederland en OESO-gemiddelde, {_years(frame)}",
        frame,
        lambda: cache.lines(
            cache.renamed(frame, year="jaar"), "jaar", "value", "region_name", "uur", colors=AREA_COLORS
        ),
        labels(("region_name", "Gebied"), "year", ("value", "Lesuren per jaar"), "reliability"),
        {"value": lambda v: fmt_number(v, 1)},
        cache.table("sources", session),
        describe=lambda f: words.trend(f, "year", "value", hours_text, group="region_name"),
    )


@cache.view
def lestijd_leerlingen(session: SessionData | None = None) -> ChartView:
    frame = cache.lestijd_leerlingen(_rows(session))
    return chart(
        "lestijd_leerlingen",
        f"Verplichte lestijd van leerlingen, {_years(frame)} (uur per jaar)",
        frame,
        lambda: cache.grouped_bar(frame, "niveau", "value", "region_name", "uur"),
        labels(("region_name", "Gebied"), ("niveau", "Niveau"), "year", ("value", "Uur per jaar"), "reliability"),
        {"value": fmt_number},
        cache.table("sources", session),
        describe=lambda f: words.per_group(f, "niveau", "value", "region_name", hours_text),
    )


def hours_text(value: float) -> str:
    """'940 uur' (one decimal where the source has one)."""
    return f"{fmt_number(value, 0 if float(value).is_integer() else 1)} uur"


@cache.view
def pilot(session: SessionData | None = None) -> FiguresView:
    rows = _rows(session)
    return figures_view(rows, "vo", cache.rows_where(rows, indicator=PILOT), cache.table("sources", session))


def warm() -> None:
    for sector in REGIONAL_SECTORS:
        lesuren(sector)
    lesuren_trend(), lestijd_leerlingen(), pilot()
