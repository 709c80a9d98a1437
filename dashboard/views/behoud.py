"""Behoud & werving: the meer-uren calculator, the measures with their figures, lerarenbeurs, why teachers leave,
uitstroom, vacatures."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import pandas as pd

from dashboard import cache, metrics
from dashboard import describe as words
from dashboard.charts.basic import PALETTE
from dashboard.data.model.sectors import REGIONAL_SECTORS, regional_sector
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_number, fmt_pct, fmt_peildatum, reliability_label
from dashboard.metrics import MEER_UREN_BOUNDS, OutOfRange
from dashboard.tables import labels
from dashboard.views.base import ChartView, FiguresView, chart, figures_view

# Sourced defaults per sector (the source line under the calculator names them).
DEFAULTS = {"po": {"deeltijd": 75.0, "fte": 0.7}, "vo": {"deeltijd": 38.0, "fte": 0.85}}
DEFAULT_EXTRA = 10.0
WHOLE_PCT = functools.partial(fmt_pct, decimals=0)  # surveys published as whole percentages (47%, not 47,0%)
CALC_SOURCES = ("TK_2023_MEERUREN", "AVS_MEERUREN", "APPO_DEELTIJD_2022")
CALC_INDICATORS = (
    "gemiddelde_contractgrootte",
    "aandeel_leraren_deeltijd",
    "deeltijders_dag_extra_bij_bonus_150_netto_pm_1jaar",
)
WERKPLAN = "Kamerbrief/VO-raad"


def _rows(session: SessionData | None) -> pd.DataFrame:
    return cache.indicators(session=session)


# The average appointment (fte) the calculator offers: a choice in Dutch notation instead of a field showing "0.70".
FTE_STEP = 0.05


@dataclass(frozen=True)
class Calculator:
    """Everything the meer-uren calculator needs besides the user's input."""

    sector: str
    names: dict[str, str]  # region code -> name, NL01 first
    shortage: dict[str, float]  # region code -> shortage %
    peildatum: str
    werkgelegenheid_fte: float | None  # national only (not published per region), of the same year as the shortage
    sources: str
    newer: str = ""  # a newer national figure that is not official, and why the calculator does not use it

    @property
    def defaults(self) -> dict[str, float]:
        return DEFAULTS[self.sector]


def fte_choices(asked: float | None = None) -> tuple[float, ...]:
    """The average appointments offered (0,10 to 1,00 fte per 0,05), plus the one a link asked for (between them, or
    outside the range: then the slider shows what was asked and the calculator refuses it)."""
    low, high = MEER_UREN_BOUNDS["gem_fte"][1:3]
    grid = {round(low + i * FTE_STEP, 2) for i in range(int(round((high - low) / FTE_STEP)) + 1)}
    if asked is not None and math.isfinite(asked):
        grid.add(round(float(asked), 4))
    return tuple(sorted(grid))


def _newer_note(series: pd.DataFrame, official: pd.Series | None) -> str:
    """Why the calculator's national figure is not the newest in the data (the Overzicht does the same)."""
    if official is None or series.empty or series.iloc[-1]["peildatum"] <= official["peildatum"]:
        return ""
    newer = series.iloc[-1]
    return (
        f"De rekenhulp rekent, net als het Overzicht, met de laatste officiële meting ({fmt_pct(official['value'])}, "
        f"{fmt_peildatum(official['peildatum'])}). Het nieuwere cijfer {fmt_pct(newer['value'])} "
        f"({fmt_peildatum(newer['peildatum'])}) is {reliability_label(newer['reliability'])}: geen officiële meting. "
        "Zodra die er is, rekenen Overzicht en rekenhulp ermee."
    )


@cache.view
def calculator(sector: str, session: SessionData | None = None) -> Calculator:
    """The shortage per area: Nederland is the newest official national measurement (what the Overzicht shows),
    the regions their newest regional measurement; the werkgelegenheid is that of the national measurement's year."""
    sector = regional_sector(sector)
    rows = _rows(session)
    regional = cache.regional_shortage(rows, sector)
    national = cache.national_series(rows, sector)
    official = cache.solid_only(national)
    latest = official.iloc[-1] if len(official) else None
    werk = cache.figures(rows, "werkgelegenheid_leraren_impliciet", categorie=f"{sector} totaal")
    if latest is not None:
        werk = werk[werk["year"] == int(str(latest["peildatum"])[:4])]
    shortage = dict(zip(regional["region_code"], regional["value"].astype(float)))
    if latest is not None:
        shortage = {"NL01": float(latest["value"])} | shortage
    names = {"NL01": "Nederland"} | dict(zip(regional["region_code"], regional["region_name"]))
    used = [latest.to_frame().T] if latest is not None else []
    sources = pd.concat([*used, cache.rows_where(rows, source_id=CALC_SOURCES, indicator=CALC_INDICATORS)])
    return Calculator(
        sector,
        {code: names[code] for code in shortage},
        shortage,
        "" if latest is None else str(latest["peildatum"]),
        float(werk["value"].iloc[-1]) if len(werk) else None,
        cache.source_text(sources, cache.table("sources", session)),
        _newer_note(national, latest),
    )


@dataclass(frozen=True)
class Outcome:
    """What the calculator yields for one input, or why it does not compute (`refused`, in Dutch)."""

    shortage: float
    extra_pct: float | None = None  # extra hours, % of werkgelegenheid
    covered_pct: float | None = None  # share of the shortage covered
    extra_fte: float | None = None  # national only
    tekort_fte: float | None = None
    werkgelegenheid_fte: float | None = None
    refused: str = ""


@cache.view
def meer_uren(calc: Calculator, region: str, deeltijd: float, extra: float, gem_fte: float) -> Outcome:
    """The calculation behind the rekenhulp (metrics.meer_uren) for the chosen area and input; cached as a view
    (a few multiplications, so not also as a metric)."""
    shortage = calc.shortage[region]
    werk = calc.werkgelegenheid_fte if region == "NL01" else None
    try:
        result = metrics.meer_uren(shortage, deeltijd, extra, gem_fte, werkgelegenheid_fte=werk)
    except OutOfRange as error:
        return Outcome(shortage, refused=str(error))
    return Outcome(
        shortage,
        result["extra_pct_werkgelegenheid"],
        result["dekking_pct"],
        result["extra_fte"],
        result["tekort_fte"],
        werk,
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
        lambda: cache.grouped_bar(frame, "jaar", "value", "soort", "aanvragen", years=True),
        labels(("jaar", "Jaar"), ("soort", "Soort"), ("value", "Aantal"), "reliability"),
        {"value": fmt_number},
        cache.table("sources", session),
        note=(f"Niet in de gevonden bronnen: {', '.join(map(str, gaps))}. " if gaps else "")
        + "Niet elk jaar zijn alle soorten bekend; zie de tabel.",
        describe=lambda f: words.trend(f, "jaar", "value", fmt_number, group="soort"),
    )


@cache.view
def vertrekredenen(session: SessionData | None = None) -> ChartView:
    frame = cache.vertrekredenen(_rows(session))
    return chart(
        "vertrekredenen",
        "Waarom leraren vertrekken",
        frame,
        lambda: cache.hbar(frame, "reden", "value", "%", color=PALETTE[3], decimals=0),
        labels(("reden", "Reden"), ("value", "Aandeel (%)"), "reliability"),
        {"value": WHOLE_PCT},
        cache.table("sources", session),
        note="Aandeel vertrokken leraren (po, vo, mbo) dat deze reden noemt; meerdere redenen mogelijk. Onderzoek van "
        "ResearchNed voor OCW onder 313 vertrokken leraren: niet representatief.",
        describe=lambda f: words.ranking(f, "reden", "value", WHOLE_PCT, "aandeel"),
    )


@cache.view
def uitstroom(session: SessionData | None = None) -> ChartView:
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


@cache.view
def uitval_starters(session: SessionData | None = None) -> ChartView:
    frame = cache.uitval_starters(_rows(session))
    return chart(
        "uitval_starters",
        "Startende leraren die het onderwijs verlaten (vo)",
        frame,
        lambda: cache.lines(frame, "cohorten", "value", "termijn", "%"),
        labels(("termijn", "Vertrokken"), ("cohorten", "Startjaren"), ("value", "Uitval (%)"), "reliability"),
        {"value": WHOLE_PCT},
        cache.table("sources", session),
        note="Aandeel van de leraren jonger dan 30 die in het vo begonnen en binnen 1, 3 of 5 jaar niet meer in het "
        "onderwijs werkten; gemiddeld over drie opeenvolgende startjaren, zoals gepubliceerd. Van de latere "
        "startjaren is de uitval na 3 en 5 jaar nog niet bekend. Alleen voor het vo gepubliceerd.",
        describe=lambda f: words.trend(
            f, "cohorten", "value", WHOLE_PCT, group="termijn", x_text=lambda c: f"startjaren {c}"
        ),
    )


@cache.view
def vacatures(session: SessionData | None = None) -> ChartView:
    rows = _rows(session)
    frame = cache.vacatures(rows)
    share = cache.figures(rows, "aandeel_basisscholen_met_open_vacature_juli")
    note = (
        "Drie tellingen met elk een eigen definitie, die niet met elkaar te vergelijken zijn en geen reeks vormen: "
        "het CBS telt alle nieuwe vacatures in een schooljaar (ook voor ander personeel), de juli-telling wat aan het "
        "eind van het schooljaar in het po nog openstond, UWV alleen de vacatures die bij UWV gemeld zijn. Elk "
        "paneel heeft daarom zijn eigen as. Alle cijfers komen uit nieuwsberichten die de bron citeren (secundair); "
        "'ruim' en 'circa' staan zo in de bron."
    )
    if len(share):
        last = share.iloc[-1]
        note += (
            f" In {fmt_peildatum(str(last['peildatum']))} zocht {metrics.approximation(last['unit'])} "
            f"{fmt_pct(last['value'], 0)} van de basisscholen nog een leraar."
        )
    return chart(
        "vacatures",
        "Vacatures in het onderwijs: drie tellingen",
        frame,
        lambda: cache.hbar_panels(frame, "telling", "label", "value", "vacatures", qualifier="benadering"),
        labels(
            ("telling", "Telling"),
            ("label", "Periode"),
            ("benadering", "Benadering"),
            ("value", "Vacatures"),
            "reliability",
            "source_id",
            "note",
        ),
        {"value": fmt_number},
        cache.table("sources", session),
        note=note,
        missing="Er zijn geen vacaturecijfers in de data.",
        source_rows=pd.concat([frame, share]) if len(share) else frame,
        describe=lambda f: words.per_group(f, "label", "value", "telling", fmt_number),
    )


def warm() -> None:
    for sector in REGIONAL_SECTORS:
        calc = calculator(sector)
        meer_uren(calc, "NL01", calc.defaults["deeltijd"], DEFAULT_EXTRA, calc.defaults["fte"])
    measures()
    lerarenbeurs()
    vertrekredenen()
    uitstroom()
    uitval_starters()
    vacatures()
