"""Overzicht: the national figures now, their development, where the shortage is largest, the werkplan results."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.charts.basic import PALETTE
from dashboard.data.model.newer import register as newer_register
from dashboard.data.model.sectors import KPI_SECTORS, regional_sector
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_euro, fmt_fte, fmt_number, fmt_pct, fmt_peildatum
from dashboard.tables import labels
from dashboard.texts import WERKPLAN_RESULTS
from dashboard.views.base import ChartView, chart

SHORTAGE = ("tekort_pct", "tekort_fte", "geraamd_tekort_fte")
WERKPLAN = "Kamerbrief/VO-raad"


@dataclass(frozen=True)
class Kpi:
    sector: str
    pct: dict  # latest official % with the change (metrics.latest_with_change), {} when none
    fte: dict
    fallback: dict  # the latest fte of any reliability when there is no official %


@dataclass(frozen=True)
class KpiView:
    kpis: tuple[Kpi, ...]
    sources: str
    newer: str = ""  # known publications newer than the data (metrics.newer_line), "" when none


@dataclass(frozen=True)
class MapView:
    title: str
    sector: str
    frame: pd.DataFrame
    figure: object
    top: pd.DataFrame  # the five highest, highest first
    bottom: pd.DataFrame  # the five lowest, lowest first
    sources: str
    columns: dict[str, str]
    formats: dict
    description: str = ""  # the map in words (dashboard/describe.py), from `frame`


def _shortage(session: SessionData | None) -> pd.DataFrame:
    return cache.indicators(indicators=SHORTAGE, sectors=KPI_SECTORS, session=session)


@cache.view
def kpis(session: SessionData | None = None) -> KpiView:
    shortage = _shortage(session)
    items = []
    for sector in KPI_SECTORS:
        fte_all = cache.national_series(shortage, sector, "tekort_fte")
        items.append(
            Kpi(
                sector,
                cache.latest_with_change(cache.solid_only(cache.national_series(shortage, sector, "tekort_pct"))),
                cache.latest_with_change(cache.solid_only(fte_all)),
                cache.latest_with_change(fte_all),
            )
        )
    rows = pd.concat(
        [cache.national_series(shortage, s, i).tail(2) for s in KPI_SECTORS for i in ("tekort_pct", "tekort_fte")]
    )
    newer = cache.newer_line(cache.newer_publications(newer_register(), shortage, KPI_SECTORS))
    return KpiView(tuple(items), cache.source_text(rows, cache.table("sources", session)), newer)


@cache.view
def tekort_trend(session: SessionData | None = None) -> ChartView:
    shortage = _shortage(session)
    frame = cache.tekort_trend(shortage, KPI_SECTORS)
    measured = frame[frame["kind"] == "meting"]
    first_year = int(measured["year"].min()) if len(measured) else None
    kinds = frame.drop_duplicates("reeks").set_index("reeks")["kind"]
    dashed = tuple(r for r, k in kinds.items() if k == "raming")
    points = tuple(r for r, k in kinds.items() if k in ("bericht", "afgeleid"))
    sector_colors = dict(zip(KPI_SECTORS, PALETTE))
    colors = {reeks: sector_colors[reeks.split()[0]] for reeks in frame["reeks"].unique()}
    reported = frame[frame["kind"] == "bericht"]
    note = (
        "Doorgetrokken lijnen zijn officiële metingen; gestippelde lijnen met open punten zijn ramingen of "
        "schattingen, geen meting."
        + (
            " Losse punten met een kruis erin zijn berichten: "
            + ", ".join(f"{s} {fmt_fte(v)} ({y})" for s, v, y in reported[["sector", "value", "year"]].values)
            + " komen uit nieuwsberichten, niet uit een meting, en staan daarom niet op de lijn van de metingen."
            if len(reported)
            else ""
        )
        + " Zie de tabel voor wat elk punt is en hoe betrouwbaar."
    )
    return chart(
        "tekort_trend",
        f"Ontwikkeling sinds {first_year} (fte)" if first_year else "Ontwikkeling (fte)",
        frame,
        lambda: cache.lines(
            cache.with_year_label(frame),
            "jaar",
            "value",
            "reeks",
            "fte",
            dashed_groups=dashed,
            colors=colors,
            point_groups=points,
        ),
        labels(
            ("reeks", "Reeks"),
            ("peildatum", "Peildatum / jaar"),
            ("value", "Tekort (fte)"),
            "kind",
            "reliability",
            "source_id",
        ),
        {"value": fmt_fte},
        cache.table("sources", session),
        note=note,
        describe=lambda f: words.trend(f, "year", "value", fmt_fte, group="reeks"),
    )


@cache.view
def small_map(sector: str, session: SessionData | None = None) -> MapView:
    map_sector = regional_sector(sector)
    regional = cache.regional_shortage(_shortage(session), map_sector)
    peildatum = regional["peildatum"].iloc[0] if len(regional) else ""
    national = cache.national_value(_shortage(session), map_sector, peildatum) if peildatum else None
    return MapView(
        title=f"Waar is het tekort het grootst? ({map_sector}, {fmt_peildatum(peildatum)})",
        sector=map_sector,
        frame=regional,
        figure=cache.shortage_map(regional, height=420, zoom=5.4) if len(regional) else None,
        top=regional.head(5),
        bottom=regional.dropna(subset=["value"]).tail(5).iloc[::-1],
        sources=cache.source_text(regional, cache.table("sources", session)),
        columns=labels("region_code", "region_name", ("value", "Tekort (%)"), "peildatum", "reliability"),
        formats={"value": fmt_pct},
        description=words.ranking(regional, "region_name", "value", fmt_pct, "tekort", national),
    )


@cache.view
def mbo_prognose(session: SessionData | None = None) -> ChartView:
    """The forecast of the mbo teachers needed: next to the mbo shortage, as the only forecast for the mbo."""
    frame = cache.mbo_prognose(
        cache.indicators(indicators=("benodigde_leraren_fte",), sectors=("mbo",), session=session)
    )
    return chart(
        "mbo_prognose",
        "Mbo: hoeveel leraren zijn nodig? (raming, fte)",
        frame,
        lambda: cache.lines(
            cache.renamed(frame, year="jaar"),
            "jaar",
            "value",
            "reeks",
            "fte",
            dashed_groups=tuple(frame["reeks"].unique()),
            height=340,
            colors=dict.fromkeys(frame["reeks"], dict(zip(KPI_SECTORS, PALETTE))["mbo"]),
        ),
        labels(
            ("reeks", "Reeks"), "year", ("value", "Benodigde leraren (fte)"), "kind", "reliability", "source_id", "note"
        ),
        {"value": fmt_fte},
        cache.table("sources", session),
        note="Een raming van het aantal leraren dat het mbo nodig heeft (zittende en nieuwe leraren samen), geen "
        "tekort en geen meting. Het jaar waarin de raming is gemaakt staat niet in de bron; een nieuwere raming "
        "voor het mbo is niet gevonden.",
        missing="Voor het mbo is geen raming van het aantal benodigde leraren in de data.",
        describe=lambda f: words.trend(f, "year", "value", fmt_fte, group="reeks"),
    )


@dataclass(frozen=True)
class WerkplanView:
    title: str
    lines: tuple[str, ...]
    sources: str


@cache.view
def werkplan(session: SessionData | None = None) -> WerkplanView:
    rows = cache.rows_where(cache.indicators(session=session), categorie=WERKPLAN)
    by_indicator = cache.figures_by_indicator(rows, WERKPLAN)

    def text(row) -> str:
        return fmt_euro(row["value"]) if str(row["unit"]).startswith("euro") else fmt_number(row["value"])

    values = {k: text(v) for k, v in by_indicator.items()}
    lines = tuple(template.format(v=values[i], **values) for i, template in WERKPLAN_RESULTS if i in values)
    lines += (f"Onderwijsregio's: {onderwijsregio_count(session).why} Per regio op de pagina Onderwijsregio's.",)
    anchor = rows[rows["indicator"].isin([i for i, _ in WERKPLAN_RESULTS])]
    latest = anchor.sort_values("peildatum").tail(1)
    when = fmt_peildatum(latest["peildatum"].iloc[0]) if len(latest) else ""
    return WerkplanView(
        f"Wat het werkplan tot nu toe opleverde (stand {when})" if when else "Wat het werkplan tot nu toe opleverde",
        lines,
        cache.source_text(latest, cache.table("sources", session)),
    )


def onderwijsregio_count(session: SessionData | None = None):
    """The one count of onderwijsregio's (the same function as the Onderwijsregio's page and the API)."""
    facts = cache.onderwijsregio_counts(cache.indicators(indicators=("onderwijsregios",), session=session))
    definition, _ = cache.definition()
    return cache.onderwijsregio_count(cache.table("onderwijsregios"), definition, facts)


def warm() -> None:
    kpis()
    tekort_trend()
    small_map("po")
    mbo_prognose()
    werkplan()
