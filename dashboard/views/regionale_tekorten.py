"""Regionale tekorten: the shortage per arbeidsmarktregio (G5 apart), a region's profile, regions compared."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.data.model.newer import register as newer_register
from dashboard.data.model.sectors import REGIONAL_SECTORS, regional_sector
from dashboard.data.publish.query import Query
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_pct, fmt_peildatum, fmt_pp, fmt_sectors, reliability_label
from dashboard.metrics import MAP_LEVELS
from dashboard.tables import labels
from dashboard.views.base import ChartView, MapView, chart


@dataclass(frozen=True)
class RegionalData:
    """What every view of the page starts from: the map layer of one sector and its national reference."""

    sector: str
    indicators: pd.DataFrame
    frame: pd.DataFrame  # metrics.regional_shortage
    peildatum: str
    national: float | None
    sources: pd.DataFrame
    peildata: tuple[str, ...]  # every regional measurement of this sector, oldest first
    newer: str = ""  # known newer publications of this sector's measurement (metrics.newer_line)

    @functools.cached_property  # once per data: a page asks for it per option of its lists
    def codes(self) -> tuple[str, ...]:
        return tuple(self.frame["region_code"])

    @functools.cached_property  # once per data: a page asks for it per option of its lists
    def names(self) -> dict[str, str]:
        return dict(zip(self.frame["region_code"], self.frame["region_name"]))


@cache.view
def regional_data(sector: str, session: SessionData | None = None, peildatum: str | None = None) -> RegionalData:
    """The latest measurement unless `peildatum` names another one (a new measurement needs no code change)."""
    sector = regional_sector(sector)
    rows = cache.indicators(indicators=("tekort_pct",), sectors=REGIONAL_SECTORS, session=session)
    frame = cache.regional_shortage(rows, sector, peildatum=peildatum or None)
    peildatum = frame["peildatum"].iloc[0] if len(frame) else ""
    national = cache.national_value(rows, sector, peildatum) if peildatum else None
    peildata = cache.regional_peildata(rows, sector)
    newer = cache.newer_line(cache.newer_publications(newer_register(), rows, (sector,)))
    return RegionalData(sector, rows, frame, peildatum, national, cache.table("sources", session), peildata, newer)


def previous_peildatum(data: RegionalData) -> str | None:
    """The measurement before the one shown (None for the first)."""
    earlier = [p for p in data.peildata if p < data.peildatum]
    return earlier[-1] if earlier else None


VIEWS = {"tekort": "Tekort", "verschil": "Verschil t.o.v. vorige meting"}
MAP_COLUMNS = labels(
    "region_code", "region_name", "geo_level", ("value", "Tekort (%)"), "peildatum", "reliability", "source_id"
)


def api_query(data: RegionalData, *peildata: str) -> str:
    """The /api/v1/indicators query string of the map's measurement(s) (all its rows, every source)."""
    query = Query(
        indicator=("tekort_pct",), sector=(data.sector,), geo_level=MAP_LEVELS, peildatum=peildata, kind=("meting",)
    )
    return query.query_string()


CHANGE_COLUMNS = labels(
    "region_code",
    "region_name",
    "geo_level",
    ("value", "Verschil (procentpunt)"),
    ("niveau", "Tekort (%)"),
    ("vorige", "Tekort vorige meting (%)"),
    ("vorige_peildatum", "Vorige peildatum"),
    "peildatum",
    "reliability",
    "source_id",
)
CHANGE_FORMATS = {
    "value": fmt_pp,
    "niveau": fmt_pct,
    "vorige": fmt_pct,
    "vorige_peildatum": fmt_peildatum,
}


@cache.view
def change_map(data: RegionalData, previous: RegionalData, selected: str | None) -> MapView:
    """The difference with the previous measurement, in procentpunt, for the regions measured both times."""
    frame = cache.change_against(data.frame, previous.frame)
    return MapView(
        title=f"Verschil in het tekort {data.sector} per arbeidsmarktregio: {fmt_peildatum(data.peildatum)} t.o.v. "
        f"{fmt_peildatum(previous.peildatum)}",
        caption="Verschil in procentpunt tussen twee metingen (rood: hoger tekort, blauw: lager). Alleen regio's die "
        f"beide keren gemeten zijn. Landelijk: {fmt_pct(previous.national)} -> {fmt_pct(data.national)}.",
        frame=frame,
        figure=cache.shortage_map(frame, selected=selected) if len(frame) else None,
        sources=cache.source_text(pd.concat([data.frame, previous.frame]), data.sources),
        filename=f"verschil_{data.sector}_per_regio.csv",
        columns=CHANGE_COLUMNS,
        formats=CHANGE_FORMATS,
        api=api_query(data, previous.peildatum, data.peildatum),
        description=words.change(frame, "region_name", "value", fmt_pp),
    )


@cache.view
def shortage_map(data: RegionalData, selected: str | None) -> MapView:
    return MapView(
        title=f"Lerarentekort {data.sector} per arbeidsmarktregio, {fmt_peildatum(data.peildatum)}",
        caption="Tekort in % van de werkgelegenheid (openstaande vacatures + verborgen tekort). De vijf grote "
        f"gemeenten (G5) staan apart op de kaart. Landelijk: {fmt_pct(data.national)}.",
        frame=data.frame,
        figure=cache.shortage_map(data.frame, selected=selected) if len(data.frame) else None,
        sources=cache.source_text(data.frame, data.sources),
        filename=f"tekort_{data.sector}_per_regio.csv",
        columns=MAP_COLUMNS,
        formats={"value": fmt_pct},
        api=api_query(data, data.peildatum),
        description=words.ranking(data.frame, "region_name", "value", fmt_pct, "tekort", data.national),
    )


@dataclass(frozen=True)
class ProfileView:
    code: str
    name: str
    cards: pd.DataFrame  # metrics.region_profile: one row per sector
    cards_sources: str
    history: ChartView | None
    gemeenten: pd.DataFrame
    covering: pd.DataFrame  # onderwijsregio's in this area, labelled for display


@cache.view
def profile(data: RegionalData, code: str, session: SessionData | None = None) -> ProfileView:
    name = data.names[code]
    cards = cache.region_profile(data.indicators, code)
    series = cache.local_series(data.indicators, code, data.sector)
    history = None
    if len(series) > 1:
        history = chart(
            f"ontwikkeling_{code}_{data.sector}",
            f"Ontwikkeling in {name} ({data.sector})",
            series,
            lambda: cache.measurements(series, "%"),
            labels("peildatum", ("value", "Tekort (%)"), "kind", "reliability", "source_id"),
            {"value": fmt_pct, "peildatum": fmt_peildatum},
            data.sources,
            note="Metingen en berichten uit verschillende bronnen (Centerdata, gemeente, nieuwsberichten) met niet "
            "altijd dezelfde methode: de stippellijn verbindt ze alleen ter oriëntatie; de markering toont de "
            "betrouwbaarheid, de kolom Soort in de tabel of een punt een meting of een bericht is.",
            describe=lambda f: words.trend(f, "peildatum", "value", fmt_pct, x_text=fmt_peildatum),
        )
    regions = cache.table("regions")
    members = cache.expand_members(cache.table("onderwijsregio_leden"), regions)
    covering = cache.onderwijsregios_for(code, regions, cache.table("onderwijsregios"), members)
    covering = covering.assign(
        betrouwbaarheid=covering["betrouwbaarheid"].map(reliability_label),
        sectors=covering["sectors"].map(fmt_sectors),
    )
    return ProfileView(
        code,
        name,
        cards,
        cache.source_text(cards, data.sources),
        history,
        cache.region_gemeenten(regions, code),
        covering,
    )


@cache.view
def vergelijking_regios(data: RegionalData, chosen: list[str]) -> ChartView:
    frame = cache.vergelijking_regios(data.frame, chosen, data.national) if len(chosen) >= 2 else data.frame.iloc[:0]
    return chart(
        f"vergelijking_regios_{data.sector}",
        None,
        frame,
        lambda: cache.hbar(frame, "region_name", "value", "%", reference=data.national, reference_label="Landelijk"),
        labels(
            "region_name",
            ("value", "Tekort (%)"),
            ("landelijk", "Landelijk (%)"),
            ("verschil", "Verschil (procentpunt)"),
            "peildatum",
            "reliability",
        ),
        {"value": fmt_pct, "landelijk": fmt_pct, "verschil": fmt_pp},
        data.sources,
        missing="Kies ten minste twee regio's om ze naast elkaar te zien, met het landelijk cijfer als referentie.",
        describe=lambda f: words.ranking(f, "region_name", "value", fmt_pct, "tekort", data.national),
    )


def warm() -> None:
    for sector in REGIONAL_SECTORS:
        data = regional_data(sector)
        shortage_map(data, None)
        vergelijking_regios(data, [])


@cache.view
def regioprofiel_pdf(data: RegionalData, view: ProfileView, chosen: list[str], link: str = "") -> bytes:
    """The region's profile as an A4 PDF (dashboard/report/): made on click, server-side, offline."""
    from dashboard.data.model.geo import ATTRIBUTION
    from dashboard.report import cite, pdf, regioprofiel

    row = data.frame[data.frame["region_code"] == view.code].iloc[0]
    codes = list(view.gemeenten["region_code"])
    comparison = [
        (data.names[c], float(data.frame.loc[data.frame["region_code"] == c, "value"].iloc[0]))
        for c in chosen
        if c in data.names and c != view.code
    ]
    report = regioprofiel.measured_region_report(
        title=view.name,
        sector=data.sector,
        peildatum=fmt_peildatum(data.peildatum),
        value=float(row["value"]),
        national=data.national,
        gemeente_values={c: float(row["value"]) for c in codes},
        gemeente_geojson=cache.boundaries("gemeente"),
        comparison=comparison,
        sources=regioprofiel.source_rows(data.sources, [(row["source_id"], row["reliability"], "gemeten tekort")]),
        attribution=ATTRIBUTION,
        note="Het cijfer van de arbeidsmarktregio is waarschijnlijk exclusief de G5-gemeente die apart gemeten is."
        if set(codes) & set(data.frame.loc[data.frame["geo_level"] == "gemeente", "region_code"]) - {view.code}
        else "",
    )
    return pdf.regioprofiel_pdf(cite.citable(report, link, cache.version_tag()))
