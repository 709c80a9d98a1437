"""Tabel maken: one view per choice feeds the table (areas by peildatum), the chart, the CSV of the same figures,
the source and reliability of every cell, the API link and the permalink."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from dashboard import cache
from dashboard.charts.tabel import tabel_chart
from dashboard.data.model.sectors import sector_name
from dashboard.data.publish.query import Query
from dashboard.format import fmt_peildatum, fmt_value, indicator_label, reliability_label
from dashboard.metrics.tabel import NATIONAL, reference_query, tabel_query
from dashboard.tables import labels
from dashboard.views.base import ChartView, chart

PATH = "/tabel"
NONE = ("geen",)  # a peildatum no row has: the filter of a choice without peildata
DEFAULT = ("tekort_pct", "vo", "arbeidsmarktregio")
LEVEL_NAMES = {
    "land": "Nederland",
    "internationaal": "internationaal",
    "provincie": "provincie",
    "arbeidsmarktregio": "arbeidsmarktregio",
    "gemeente": "gemeente",
    "stadsdeel": "stadsdeel",
    "wijk": "wijk",
    "onderwijsregio": "onderwijsregio",
    "overig": "overig",
}
COLUMNS = labels(
    "region_code",
    "region_name",
    "geo_level",
    "peildatum",
    ("value", "Waarde"),
    ("unit", "Eenheid"),
    ("categorie", "Onderdeel"),
    "vak",
    "kind",
    "reliability",
    "source_id",
)


@dataclass(frozen=True)
class TabelView:
    indicator: str
    sector: str
    geo_level: str
    regions: tuple[str, ...]  # as chosen (empty: all areas of the kind)
    peildata: tuple[str, ...]  # as shown (the chosen ones, or all with figures)
    title: str
    pivot: pd.DataFrame  # areas by peildatum, in Dutch notation
    cells: pd.DataFrame  # one row per cell: area, peildatum, figure, reliability, source
    chart: ChartView  # its frame is the table's figures: the CSV
    api: str  # /api/v1/indicators?... of exactly these figures (the CSV's rows)
    reference_api: str  # the same for the national reference rows ("" without them)
    permalink: str  # /tabel?... of this choice
    missing: str | None = None


def permalink(indicator: str, sector: str, geo_level: str, regions: tuple[str, ...], peildata: tuple[str, ...]) -> str:
    pairs = [("indicator", indicator), ("sector", sector), ("gebied", geo_level)]
    if regions:
        pairs.append(("regio", ",".join(regions)))
    pairs += [("peildatum", p) for p in peildata]
    return f"{PATH}?{urlencode(pairs, safe=',')}"


def _title(indicator: str, sector: str, geo_level: str, peildata: tuple[str, ...]) -> str:
    when = fmt_peildatum(peildata[0]) if len(peildata) == 1 else f"{len(peildata)} peildata"
    level = "landelijk" if geo_level == NATIONAL else f"per {LEVEL_NAMES.get(geo_level, geo_level)}"
    return f"{indicator_label(indicator).capitalize()}, {sector_name(sector)}, {level} ({when})"


def _cells(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    names = sources.set_index("source_id")
    source = [
        f"{names.at[s, 'publisher']}, {names.at[s, 'title']} ({names.at[s, 'year']})" if s in names.index else s
        for s in rows["source_id"]
    ]
    return pd.DataFrame(
        {
            "Rij": rows["rij"],
            "Peildatum": rows["peildatum"].map(fmt_peildatum),
            "Waarde": [fmt_value(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
            "Betrouwbaarheid": rows["reliability"].map(reliability_label),
            "Bron": source,
            "Bron-id": rows["source_id"],
        }
    )


def _pivot_text(pivot: pd.DataFrame, unit: str) -> pd.DataFrame:
    shown = pivot.copy()
    for column in shown.columns[1:]:
        shown[column] = [fmt_value(v, unit) if pd.notna(v) else "–" for v in shown[column]]
    return shown


@cache.view
def tabel(
    indicator: str, sector: str, geo_level: str, regions: tuple[str, ...] = (), peildata: tuple[str, ...] = ()
) -> TabelView:
    """The table of this choice; `peildata` empty: every peildatum with figures for the chosen areas."""
    indicators = cache.table("indicators")
    regions, peildata = tuple(regions), tuple(peildata)
    shown = peildata or cache.tabel_peildata(indicators, indicator, sector, geo_level, regions)
    rows = cache.tabel_rows(indicators, indicator, sector, geo_level, regions, peildata) if shown else None
    if rows is None or rows.empty:
        rows = cache.tabel_rows(indicators, indicator, sector, geo_level, regions, NONE)
    dates = tuple(sorted(rows["peildatum"].unique())) or shown
    reference = (
        cache.tabel_reference(indicators, indicator, sector, dates)
        if geo_level != NATIONAL and len(rows)
        else rows.iloc[:0].assign(referentie=True)
    )
    unit = str(rows["unit"].iloc[0]) if len(rows) else ""
    pivot = cache.tabel_pivot(rows, reference)
    sources = cache.table("sources")
    title = _title(indicator, sector, geo_level, dates) if len(rows) else indicator_label(indicator).capitalize()
    view = chart(
        f"tabel_{indicator}_{sector}_{geo_level}",
        title,
        rows,
        lambda: tabel_chart(pivot, unit),
        COLUMNS,
        {"value": lambda v: fmt_value(v, unit), "peildatum": fmt_peildatum},
        sources,
        missing=no_data(indicator, sector, geo_level, regions, peildata),
        source_rows=pd.concat([rows, reference], ignore_index=True),
    )
    query = Query(**tabel_query(indicator, sector, geo_level, regions, peildata))
    national = Query(**reference_query(indicator, sector, dates))
    return TabelView(
        indicator=indicator,
        sector=sector,
        geo_level=geo_level,
        regions=regions,
        peildata=dates,
        title=title,
        pivot=_pivot_text(pivot.drop(columns="referentie"), unit),
        cells=_cells(pd.concat([rows, reference], ignore_index=True), sources),
        chart=view,
        api=f"/api/v1/indicators?{query.query_string()}",
        reference_api=f"/api/v1/indicators?{national.query_string()}" if len(reference) else "",
        permalink=permalink(indicator, sector, geo_level, regions, peildata),
        missing=None if len(rows) else view.missing,
    )


def no_data(indicator: str, sector: str, geo_level: str, regions: tuple[str, ...], peildata: tuple[str, ...]) -> str:
    """What the page says instead of an empty table."""
    parts = [f"{indicator_label(indicator)} in het {sector_name(sector)}"]
    parts.append("landelijk" if geo_level == NATIONAL else f"per {LEVEL_NAMES.get(geo_level, geo_level)}")
    if regions:
        parts.append(f"voor {', '.join(regions)}")
    if peildata:
        parts.append(f"op {', '.join(fmt_peildatum(p) for p in peildata)}")
    return (
        "Voor deze keuze zijn geen cijfers gepubliceerd: " + ", ".join(parts) + ". Kies een andere peildatum, "
        "een ander soort gebied of een andere sector; de keuzelijsten tonen alleen wat in de data staat."
    )


def default_choice(sector: str) -> tuple[str, str] | None:
    """(indicator, kind of area) a fresh /tabel opens with in this sector: the regional shortage where the sector
    has it, else the first indicator with figures in it (by theme); None if the sector has no figures at all."""
    indicators = cache.table("indicators")
    if DEFAULT[2] in cache.tabel_levels(indicators, DEFAULT[0], sector):
        return DEFAULT[0], DEFAULT[2]
    for _, indicator, _ in cache.tabel_indicators(indicators):
        if levels := cache.tabel_levels(indicators, indicator, sector):
            return indicator, levels[0]
    return None


def warm() -> None:
    tabel(*DEFAULT)
