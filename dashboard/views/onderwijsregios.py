"""Onderwijsregio's: the derived shortage per onderwijsregio on a map, a region's profile with its spread,
regions compared (voorlopers in one click), an own region from chosen gemeenten, what is known of them all.

An onderwijsregio has no measurement of its own: every gemeente takes its G5 figure or its arbeidsmarktregio's,
weighted with DUO werkgelegenheid when loaded. Every derived figure here comes with its spread (lowest and highest
figure among its gemeenten) and how many gemeenten rest on an uncertain membership.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.data.intake.definitions import own_region_csv
from dashboard.data.model.sectors import REGIONAL_SECTORS, regional_sector
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_fte, fmt_pct, fmt_peildatum, fmt_pp, fmt_sectors, reliability_label
from dashboard.metrics import APART, MEMBER_CHOICES, ONDERWIJSREGIO_FACTS, GemeentenProfile
from dashboard.tables import labels
from dashboard.texts import STATUS_LABELS
from dashboard.views.base import ChartView, MapView, chart
from dashboard.views.oregio_parts import (
    VOORLOPER_MARK,
    OregioData,
    about_lines,
    contested_caption,
    history,
    left_out_note,
    map_figure,
    members_words,
    onderwijsregio_facts,
)
from dashboard.views.regionale_tekorten import regional_data

SHORTAGE_COLUMNS = labels(
    ("onderwijsregio", "Onderwijsregio"),
    ("value", "Tekort (%, afgeleid)"),
    ("laagste", "Laagste gemeente (%)"),
    ("hoogste", "Hoogste gemeente (%)"),
    ("tekort_fte", "Tekort (fte, afgeleid)"),
    ("werkgelegenheid_fte", "Werkgelegenheid (fte)"),
    ("gemeenten", "Gemeenten"),
    ("gemeenten_met_cijfer", "Gemeenten met cijfer"),
    ("weging", "Weging"),
    ("voorloper", "Voorloper"),
    ("betwiste_gemeenten", "Betwiste gemeenten"),
    "peildatum",
    "reliability",
    "source_id",
)
SHORTAGE_FORMATS = {
    "value": fmt_pct,
    "laagste": fmt_pct,
    "hoogste": fmt_pct,
    "tekort_fte": fmt_fte,
    "werkgelegenheid_fte": fmt_fte,
}


@cache.view
def oregio_data(sector: str, session: SessionData | None = None, peildatum: str | None = None) -> OregioData:
    sector = regional_sector(sector)
    regional = regional_data(sector, session)
    if peildatum and peildatum != regional.peildatum:
        regional = regional_data(sector, session, peildatum)
    definition, own = cache.definition()
    regions = cache.table("regions")
    year = int(str(regional.peildatum)[:4]) if regional.peildatum else 0
    werk_rows = cache.indicators(
        indicators=("werkgelegenheid_fte",), sectors=(sector,), geo_levels=("gemeente",), session=session
    )
    werk = cache.werkgelegenheid_gemeente(werk_rows, sector, year)
    register = cache.table("onderwijsregios")
    shortage = cache.onderwijsregio_table(
        cache.onderwijsregio_shortage(definition, regional.frame, regions, werk, sector), register
    )
    shortage = cache.with_region_properties(shortage, register, definition, sector)
    count = cache.onderwijsregio_count(register, definition, onderwijsregio_facts(session))
    contested = cache.contested_in(definition, sector)
    return OregioData(
        sector,
        regional,
        definition,
        own,
        werk,
        register,
        shortage,
        regions,
        count,
        contested,
        cache.old_codes(register),
    )


@cache.view
def shortage_map(data: OregioData) -> MapView:
    frame = data.shortage
    return MapView(
        title=f"Afgeleid tekort {data.sector} per onderwijsregio, {fmt_peildatum(data.regional.peildatum)}",
        caption="Afgeleid uit de meting per arbeidsmarktregio (elke gemeente krijgt het cijfer van haar "
        "arbeidsmarktregio of haar eigen G5-meting), "
        + (
            "gewogen met de werkgelegenheid per gemeente (DUO)."
            if len(data.werk)
            else "ongewogen: er is geen werkgelegenheid per gemeente geladen, dus elke gemeente telt even zwaar."
        )
        + f" Landelijk: {fmt_pct(data.regional.national)}."
        + contested_caption(data)
        + " Klik op een onderwijsregio voor het profiel.",
        frame=frame,
        figure=map_figure(data, frame),
        sources=cache.source_text(frame, data.regional.sources),
        filename=f"tekort_{data.sector}_per_onderwijsregio.csv",
        columns=SHORTAGE_COLUMNS,
        formats=SHORTAGE_FORMATS,
        description=words.ranking(frame, "onderwijsregio", "value", fmt_pct, "afgeleid tekort", data.regional.national),
    )


CHANGE_COLUMNS = labels(
    ("onderwijsregio", "Onderwijsregio"),
    ("value", "Verschil (procentpunt, afgeleid)"),
    ("niveau", "Tekort (%, afgeleid)"),
    ("vorige", "Tekort vorige meting (%, afgeleid)"),
    ("vorige_peildatum", "Vorige peildatum"),
    ("weging", "Weging"),
    "peildatum",
    "reliability",
    "source_id",
)
CHANGE_FORMATS = {"value": fmt_pp, "niveau": fmt_pct, "vorige": fmt_pct, "vorige_peildatum": fmt_peildatum}


@cache.view
def change_map(data: OregioData, previous: OregioData) -> MapView:
    """The derived shortage's change against the previous measurement, with the same gemeenten per region."""
    frame = cache.change_against(data.shortage, previous.shortage, "onderwijsregio")
    return MapView(
        title=f"Verschil in het afgeleide tekort {data.sector} per onderwijsregio: "
        f"{fmt_peildatum(data.regional.peildatum)} t.o.v. {fmt_peildatum(previous.regional.peildatum)}",
        caption="Verschil in procentpunt tussen twee metingen (rood: hoger tekort, blauw: lager), met dezelfde "
        "gemeenten per onderwijsregio." + contested_caption(data) + " Klik op een onderwijsregio voor het profiel.",
        frame=frame,
        figure=map_figure(data, frame),
        sources=cache.source_text(pd.concat([data.shortage, previous.shortage]), data.regional.sources),
        filename=f"verschil_{data.sector}_per_onderwijsregio.csv",
        columns=CHANGE_COLUMNS,
        formats=CHANGE_FORMATS,
        description=words.change(frame, "onderwijsregio", "value", fmt_pp, noun="onderwijsregio's"),
    )


@dataclass(frozen=True)
class Profile:
    """An onderwijsregio's or an own region's profile."""

    code: str
    name: str
    kind: str  # "onderwijsregio" or "eigen regio"
    status: str
    sectors: str
    sector: str
    profile: GemeentenProfile
    national: float | None
    peildatum: str
    members_map: object
    history: ChartView | None
    sources: str
    source_ids: tuple[str, ...]
    gemeenten_shown: pd.DataFrame  # profile.gemeenten with the membership in words, for the on-screen table
    apart: tuple[str, ...] = ()  # names of the members lying apart from the rest of the region (geo.apart)
    notes: tuple[str, ...] = ()  # which members the figure leaves out (MEMBER_CHOICES), also in the PDF
    empty_reason: str = ""  # why there is no figure, when the choice left nothing to count
    members_description: str = ""  # the members map in words
    about: tuple[str, ...] = ()  # voorloper since, other names, probably the same region, contested gemeenten
    contested: int = 0  # how many of the counted gemeenten stand in another region of the sector too

    @property
    def summary(self) -> dict:
        return self.profile.summary


def _profile(
    data: OregioData,
    code: str,
    name: str,
    kind: str,
    status: str,
    sectors: str,
    codes: tuple[str, ...],
    reliability: dict,
    session: SessionData | None,
    apart: tuple[str, ...] = (),
    notes: tuple[str, ...] = (),
    empty_reason: str = "",
    about: tuple[str, ...] = (),
    also_in: dict[str, tuple[str, ...]] | None = None,
) -> Profile:
    profile = cache.gemeenten_profile(
        codes, data.regional.frame, data.regions, data.werk, data.sector, data.regional.national, reliability
    )
    profile = profile._replace(
        gemeenten=profile.gemeenten.assign(
            ligging=profile.gemeenten["gemeentecode"].map(lambda c: APART if c in set(apart) else "")
        )
    )
    members = profile.gemeenten.rename(columns={"gemeentecode": "gemeente_code"}).assign(
        reliability=lambda d: d["lidmaatschap"].where(d["lidmaatschap"] != "", "solid")
    )
    source_ids = tuple(dict.fromkeys([profile.summary["source_id"], *data.werk.get("source_id", [])]))
    used = data.regional.frame[
        data.regional.frame["region_code"].isin(set(profile.gemeenten["arbeidsmarktregio_code"].dropna()) | set(codes))
    ]
    return Profile(
        code,
        name,
        kind,
        status,
        sectors,
        data.sector,
        profile,
        data.regional.national,
        data.regional.peildatum,
        cache.membership_map(members[["gemeente_code", "gemeente", "reliability"]]),
        history(data, codes, reliability, name, code, session),
        cache.source_text(used, data.regional.sources),
        source_ids,
        profile.gemeenten.assign(
            lidmaatschap=lambda d: d["lidmaatschap"].map(lambda r: reliability_label(r) if r else "zelf gekozen"),
            betwist=lambda d: d["gemeentecode"].map(lambda c: ", ".join((also_in or {}).get(c, ()))),
        ),
        tuple(data.gemeenten.get(c, c) for c in apart),
        notes,
        empty_reason,
        members_words(members, name),
        about,
        sum(1 for c in codes if c in (also_in or {})),
    )


@cache.view
def profile(data: OregioData, code: str, session: SessionData | None = None, leden: str = "alle") -> Profile:
    """`leden`: which members the derived figure counts (metrics.MEMBER_CHOICES; the URL's leden=)."""
    name = data.names[code]
    rows = data.definition[(data.definition["onderwijsregio"] == name) & (data.definition["sector"] == data.sector)]
    meta = data.register[data.register["onderwijsregio_code"] == code]
    status = STATUS_LABELS.get(meta["status"].iloc[0], meta["status"].iloc[0]) if len(meta) else "eigen indeling"
    sectors = fmt_sectors(meta["sectors"].iloc[0]) if len(meta) else data.sector
    members = tuple(rows["gemeentecode"])
    reliability = dict(zip(rows["gemeentecode"], rows["reliability"]))
    apart = cache.members_apart(tuple(sorted(members)))
    counted = cache.counted_members(members, reliability, apart, leden if leden in MEMBER_CHOICES else "alle")
    note = left_out_note(leden, [c for c in members if c not in counted], data.gemeenten)
    also_in = {c: tuple(r for r in data.contested[c] if r != name) for c in members if c in data.contested}
    return _profile(
        data,
        code,
        name,
        "onderwijsregio",
        status,
        sectors,
        counted,
        reliability,
        session,
        apart=tuple(c for c in apart if c in counted),
        notes=(note,) if note else (),
        empty_reason=""
        if counted
        else "Zonder deze gemeenten blijft er geen gemeente over om een cijfer uit af te leiden.",
        about=about_lines(cache.register_facts(data.register, name), also_in, data, len(members)),
        also_in=also_in,
    )


@cache.view
def own_profile(data: OregioData, name: str, gemeenten: list[str], session: SessionData | None = None) -> Profile:
    return _profile(
        data,
        "eigen",
        name or "Eigen regio",
        "eigen regio",
        "eigen indeling (niet officieel)",
        data.sector,
        tuple(gemeenten),
        {},
        session,
        apart=cache.members_apart(tuple(sorted(gemeenten))),
    )


@cache.view
def members_of(data: OregioData, code: str) -> list[str]:
    """The gemeentecodes of an onderwijsregio in this sector (to start an own region from)."""
    name = data.names.get(code, "")
    rows = data.definition[(data.definition["onderwijsregio"] == name) & (data.definition["sector"] == data.sector)]
    return sorted(rows["gemeentecode"])


@cache.view
def vergelijking_onderwijsregios(data: OregioData, chosen: list[str]) -> ChartView:
    national = data.regional.national
    frame = cache.vergelijking_onderwijsregios(data.shortage, chosen, national)
    return chart(
        f"vergelijking_onderwijsregios_{data.sector}",
        None,
        frame,
        lambda: cache.hbar(frame, "onderwijsregio", "value", "%", reference=national, reference_label="Landelijk"),
        labels(
            ("onderwijsregio", "Onderwijsregio"),
            ("value", "Tekort (%, afgeleid)"),
            ("laagste", "Laagste gemeente (%)"),
            ("hoogste", "Hoogste gemeente (%)"),
            ("landelijk", "Landelijk (%)"),
            ("verschil", "Verschil (procentpunt)"),
            ("weging", "Weging"),
            "peildatum",
            "reliability",
        ),
        SHORTAGE_FORMATS | {"landelijk": fmt_pct, "verschil": fmt_pp},
        data.regional.sources,
        note="Afgeleide cijfers: de lijn is het landelijk gemeten cijfer. De spreiding (laagste en hoogste gemeente) "
        "staat in de tabel.",
        missing="Kies ten minste twee onderwijsregio's om ze naast elkaar te zien, met het landelijk cijfer als "
        "referentie.",
        describe=lambda f: words.ranking(f, "onderwijsregio", "value", fmt_pct, "afgeleid tekort", national),
    )


@dataclass(frozen=True)
class Facts:
    counts: dict[str, tuple[float, int]]  # indicator -> (value, year)
    coverage: ChartView
    overview: pd.DataFrame
    overlaps: pd.DataFrame
    overlap_summary: pd.DataFrame


@cache.view
def compared_with(data: OregioData, code: str, chosen: list[str]) -> list[tuple[str, float]]:
    """The chosen regions' derived shortage, for the profile's comparison line and its PDF (the region itself out)."""
    values = data.shortage.set_index("onderwijsregio_code")["value"]
    return [(data.names[c], float(values.loc[c])) for c in chosen if c != code and c in values.index]


@cache.view
def facts(data: OregioData, session: SessionData | None = None) -> Facts:
    rows = cache.indicators(indicators=ONDERWIJSREGIO_FACTS, session=session)
    counts = cache.onderwijsregio_counts(rows)
    coverage = cache.dekking_onderwijsregios(counts)
    members = cache.expand_members(cache.table("onderwijsregio_leden"), data.regions)
    overview = cache.onderwijsregio_overview(data.register, members)
    return Facts(
        cache.latest_counts(counts),
        chart(
            "dekking_onderwijsregios",
            "Dekking: aandeel scholen/locaties dat deelneemt aan een onderwijsregio",
            coverage,
            lambda: cache.grouped_bar(coverage, "sector_label", "value", "jaar", "%"),
            labels(("sector_label", "Sector"), ("jaar", "Jaar"), ("value", "Dekking (%)"), "reliability"),
            {"value": fmt_pct},
            data.regional.sources,
            describe=lambda f: words.per_group(f, "sector_label", "value", "jaar", fmt_pct),
        ),
        cache.with_sector_labels(overview),
        cache.onderwijsregio_overlaps(data.definition, data.sector, data.regions),
        cache.overlap_summary(data.definition),
    )


def warm() -> None:
    for sector in REGIONAL_SECTORS:
        data = oregio_data(sector)
        shortage_map(data)
        vergelijking_onderwijsregios(data, [])
        facts(data)


@cache.view
def own_region_definition(data: OregioData, name: str, gemeenten: list[str]) -> bytes:
    """The current definition plus the own region, as the CSV `python -m dashboard onderwijsregios` takes."""
    return own_region_csv(gemeenten, name, data.sector, data.definition).encode("utf-8")


@cache.view
def regioprofiel_pdf(view: Profile, comparison: list[tuple[str, float | None]], link: str = "") -> bytes:
    """The profile as an A4 PDF (dashboard/report/): made on click, server-side, offline."""
    from dashboard.data.model.geo import ATTRIBUTION
    from dashboard.report import cite, model, pdf, regioprofiel

    sources = regioprofiel.source_rows(cache.table("sources"), [(sid, "derived") for sid in view.source_ids if sid])
    report = regioprofiel.region_report(
        view.profile,
        title=view.name,
        kind=view.kind,
        gemeente_geojson=cache.boundaries("gemeente"),
        sources=sources,
        attribution=ATTRIBUTION,
    )
    if comparison:
        extra = tuple(model.ComparisonRow(name, value, "afgeleid") for name, value in comparison)
        report = dataclasses.replace(report, comparison=report.comparison + extra)
    if view.notes or view.apart or view.about:
        apart = (f"Ligt los van de rest van de regio: {', '.join(view.apart)}.",) if view.apart else ()
        about = tuple(line.replace("**", "").replace(VOORLOPER_MARK, "").strip() for line in view.about)
        report = dataclasses.replace(report, notes=(*about, *view.notes, *apart, *report.notes))
    members = view.profile.gemeenten
    unsure = tuple(members.loc[members["lidmaatschap"] == "uncertain", "gemeentecode"])
    lying_apart = tuple(members.loc[members["ligging"] == APART, "gemeentecode"])
    return pdf.regioprofiel_pdf(cite.citable(report, link, cache.version_tag(), unsure, lying_apart))
