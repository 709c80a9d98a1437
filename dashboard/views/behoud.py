"""Behoud & werving: the meer-uren calculator, the measures with their figures, lerarenbeurs, why teachers leave,
uitstroom."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.charts.basic import PALETTE
from dashboard.data.load import SessionData
from dashboard.format import fmt_number, fmt_pct
from dashboard.registry import REGIONAL_SECTORS, regional_sector
from dashboard.tables import labels
from dashboard.views.base import ChartView, FiguresView, chart, figures_view

# Sourced defaults per sector (the source line under the calculator names them).
DEFAULTS = {"po": {"deeltijd": 75.0, "fte": 0.7}, "vo": {"deeltijd": 38.0, "fte": 0.85}}
DEFAULT_EXTRA = 10.0
CALC_SOURCES = ("TK_2023_MEERUREN", "AVS_MEERUREN", "APPO_DEELTIJD_2022")
CALC_INDICATORS = (
    "gemiddelde_contractgrootte",
    "aandeel_leraren_deeltijd",
    "deeltijders_dag_extra_bij_bonus_150_netto_pm_1jaar",
)
WERKPLAN = "Kamerbrief/VO-raad"


def _rows(session: SessionData | None) -> pd.DataFrame:
    return cache.indicators(session=session)


@dataclass(frozen=True)
class Calculator:
    """Everything the meer-uren calculator needs besides the user's input."""

    sector: str
    names: dict[str, str]  # region code -> name, NL01 first
    shortage: dict[str, float]  # region code -> shortage %
    peildatum: str
    werkgelegenheid_fte: float | None  # national only (not published per region)
    sources: str

    @property
    def defaults(self) -> dict[str, float]:
        return DEFAULTS[self.sector]


@cache.view
def calculator(sector: str, session: SessionData | None = None) -> Calculator:
    sector = regional_sector(sector)
    rows = _rows(session)
    regional = cache.regional_shortage(rows, sector)
    national = cache.national_series(rows, sector)
    latest = national.iloc[-1] if len(national) else None
    werk = cache.figures(rows, "werkgelegenheid_leraren_impliciet", categorie=f"{sector} totaal")
    shortage = dict(zip(regional["region_code"], regional["value"].astype(float)))
    if latest is not None:
        shortage = {"NL01": float(latest["value"])} | shortage
    names = {"NL01": "Nederland"} | dict(zip(regional["region_code"], regional["region_name"]))
    sources = cache.rows_where(rows, source_id=CALC_SOURCES, indicator=CALC_INDICATORS)
    return Calculator(
        sector,
        {code: names[code] for code in shortage},
        shortage,
        "" if latest is None else str(latest["peildatum"]),
        float(werk["value"].iloc[-1]) if len(werk) else None,
        cache.source_text(sources, cache.table("sources", session)),
    )


@cache.view
def measures(session: SessionData | None = None) -> FiguresView:
    rows = _rows(session)
    sourced = cache.rows_where(rows, indicator="zij_instromers_met_subsidie", categorie=WERKPLAN).head(1)
    return figures_view(rows, WERKPLAN, sourced, cache.table("sources", session))


@cache.view
def lerarenbeurs(session: SessionData | None = None) -> ChartView:
    frame = cache.lerarenbeurs(_rows(session))
    years = sorted(frame["jaar"].unique()) if len(frame) else []
    gaps = sorted(set(range(int(years[0]), int(years[-1]) + 1)) - {int(y) for y in years}) if years else []
    return chart(
        "lerarenbeurs",
        "Lerarenbeurs: aanvragen en toekenningen (alle sectoren)",
        frame,
        lambda: cache.grouped_bar(frame, "jaar", "value", "soort", "aanvragen"),
        labels(("jaar", "Jaar"), ("soort", "Soort"), ("value", "Aantal"), "reliability"),
        {"value": fmt_number},
        cache.table("sources", session),
        note=(f"Niet in de gevonden bronnen: {', '.join(map(str, gaps))}. " if gaps else "")
        + "Niet elk jaar zijn alle soorten bekend; zie de tabel.",
        describe=lambda f: words.trend(f, "jaar", "value", fmt_number, group="soort"),
    )


@cache.view
def reasons(session: SessionData | None = None) -> ChartView:
    frame = cache.vertrekredenen(_rows(session))
    return chart(
        "vertrekredenen",
        "Waarom leraren vertrekken",
        frame,
        lambda: cache.hbar(frame, "reden", "value", "%", color=PALETTE[3]),
        labels(("reden", "Reden"), ("value", "Aandeel (%)"), "reliability"),
        {"value": fmt_pct},
        cache.table("sources", session),
        note="Aandeel vertrokken leraren (po, vo, mbo) dat deze reden noemt; meerdere redenen mogelijk. Onderzoek van "
        "ResearchNed voor OCW onder 313 vertrokken leraren: niet representatief.",
        describe=lambda f: words.ranking(f, "reden", "value", fmt_pct, "aandeel"),
    )


@cache.view
def outflow(session: SessionData | None = None) -> ChartView:
    frame = cache.uitstroom(_rows(session))
    last = int(frame["year"].max()) if len(frame) else None
    return chart(
        "uitstroom",
        "Uitstroom uit het onderwijs per jaar",
        frame,
        lambda: cache.lines(cache.renamed(frame, year="startjaar"), "startjaar", "value", "sector", "%"),
        labels("sector", ("year", "Startjaar"), ("value", "Uitstroom (%)"), "reliability"),
        {"value": fmt_pct},
        cache.table("sources", session),
        note="Aandeel van al het personeel dat van oktober tot oktober het onderwijs verliet."
        + (f" Een reeks na {last} is niet gevonden." if last else ""),
        describe=lambda f: words.trend(f, "year", "value", fmt_pct, group="sector"),
    )


def warm() -> None:
    for sector in REGIONAL_SECTORS:
        calculator(sector)
    measures(), lerarenbeurs(), reasons(), outflow()
