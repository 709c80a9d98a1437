"""The parts of the Onderwijsregio's views that are no view themselves: the data every view starts from
(OregioData), the map figure with its contested gemeenten and voorlopers, the profile's lines about the region as a
unit, its development and its members in words."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.data.model.indeling import Count
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_pct, fmt_peildatum
from dashboard.metrics import ONDERWIJSREGIO_FACTS
from dashboard.tables import labels
from dashboard.views.base import ChartView, chart
from dashboard.views.regionale_tekorten import RegionalData

VOORLOPER_MARK = "★"  # marks a voorloper on the map, in the picker and in the lists


def onderwijsregio_facts(session: SessionData | None = None) -> pd.DataFrame:
    """The counts about the onderwijsregio's (voorlopers, OCW's count, dekking) from the indicators."""
    return cache.onderwijsregio_counts(cache.indicators(indicators=ONDERWIJSREGIO_FACTS, session=session))


@dataclass(frozen=True)
class OregioData:
    """What every view of the page starts from."""

    sector: str
    regional: RegionalData
    definition: pd.DataFrame
    own_definition: bool
    werk: pd.DataFrame
    register: pd.DataFrame  # onderwijsregios.parquet: code, name, status, sectors, voorloper, aliassen, ...
    shortage: pd.DataFrame  # one row per onderwijsregio of this sector with a figure, with its code and spread
    regions: pd.DataFrame
    count: Count  # how many onderwijsregio's (the one count, also on the Overzicht and in the API)
    contested: dict[str, tuple[str, ...]]  # gemeentecode -> the regions of this sector it stands in (2 or more)
    moved: dict[str, tuple[str, ...]]  # an old code of a link -> the codes of the regions it went into

    @functools.cached_property  # once per data: a page asks for it per option of its lists
    def names(self) -> dict[str, str]:
        """code -> name of the onderwijsregio's of this sector in the definition."""
        return dict(zip(self.shortage["onderwijsregio_code"], self.shortage["onderwijsregio"]))

    @functools.cached_property  # once per data: a page asks for it per option of its lists
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(self.names, key=self.names.get))

    @functools.cached_property  # once per data: label() asks for it per option of the page's lists
    def voorlopers(self) -> tuple[str, ...]:
        """The voorlopers with a figure in this sector, in the map's order (by name)."""
        marked = set(self.shortage.loc[self.shortage["voorloper"] == "ja", "onderwijsregio_code"])
        return tuple(c for c in self.codes if c in marked)

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        """code -> the region's name in the picker and lists, with its voorloper marker."""
        starred = set(self.voorlopers)
        return {c: f"{n} {VOORLOPER_MARK}" if c in starred else n for c, n in self.names.items()}

    @property
    def official_voorlopers(self) -> int | None:
        return cache.official_voorlopers(onderwijsregio_facts())

    @property
    def voorlopers_named(self) -> int:
        """How many of OCW's voorlopers this data names (with or without gemeenten)."""
        return int((self.register.get("voorloper", pd.Series(dtype=str)) == "ja").sum())

    def label(self, code: str) -> str:
        """A region's name in the picker and lists, with its voorloper marker."""
        return self.labels.get(code, code)

    @property
    def gemeenten(self) -> dict[str, str]:
        return cache.gemeente_names(self.regions)


def map_figure(data: OregioData, frame: pd.DataFrame):
    """The map of `frame`: each region drawn without its contested gemeenten (unless that leaves none), those drawn
    outlined on top, voorlopers starred."""
    contested = set(data.contested)
    groups = tuple(
        (name, tuple(c for c in codes if c not in contested) or codes)
        for name, codes in cache.definition_groups(data.definition, data.sector)
    )
    rows = tuple((c, data.gemeenten.get(c, c), regions) for c, regions in sorted(data.contested.items()))
    stars = tuple(data.names[c] for c in data.voorlopers)
    return cache.onderwijsregio_map(frame, groups, rows, stars) if len(frame) else None


def contested_caption(data: OregioData) -> str:
    """What the map's outlines and stars mean, with how many gemeenten are contested."""
    n = len(data.contested)
    text = (
        f" Grijs omlijnd: {n} {'gemeente staat' if n == 1 else 'gemeenten staan'} volgens de bronnen in meer dan één "
        f"onderwijsregio voor het {data.sector} (betwist); ze tellen mee in elk van die regio's, de tabel zegt per "
        "regio hoeveel."
        if n
        else ""
    )
    return text + (f" {VOORLOPER_MARK}: voorloper." if data.voorlopers else "")


def history(
    data: OregioData, codes: tuple[str, ...], reliability: dict, name: str, key: str, session: SessionData | None
) -> ChartView | None:
    """The derived figure at every regional measurement (each from its own source and peildatum)."""
    rows = []
    for peildatum in cache.regional_peildata(data.regional.indicators, data.sector):
        regional = cache.regional_shortage(data.regional.indicators, data.sector, peildatum=peildatum)
        summary = cache.gemeenten_profile(
            codes, regional, data.regions, data.werk, data.sector, None, reliability
        ).summary
        if summary["value"] is not None:
            rows.append(
                {
                    "peildatum": peildatum,
                    "value": summary["value"],
                    "laagste": summary["laagste"],
                    "hoogste": summary["hoogste"],
                    "reliability": "derived",
                    "source_id": summary["source_id"],
                }
            )
    if len(rows) < 2:
        return None
    frame = pd.DataFrame(rows)
    return chart(
        f"ontwikkeling_{key}",
        f"Ontwikkeling in {name} ({data.sector}, afgeleid)",
        frame,
        lambda: cache.measurements(frame, "%"),
        labels(
            "peildatum",
            ("value", "Tekort (%, afgeleid)"),
            ("laagste", "Laagste gemeente (%)"),
            ("hoogste", "Hoogste gemeente (%)"),
            "reliability",
            "source_id",
        ),
        {
            "value": fmt_pct,
            "laagste": fmt_pct,
            "hoogste": fmt_pct,
            "peildatum": fmt_peildatum,
        },
        data.regional.sources,
        note="Per meting afgeleid met dezelfde gemeenten; alleen metingen (geen ramingen).",
        describe=lambda f: words.trend(f, "peildatum", "value", fmt_pct, x_text=fmt_peildatum),
    )


def left_out_note(choice: str, left_out: list[str], names: dict[str, str]) -> str:
    """'Zonder Ede, Katwijk en Leiden (liggen los van de rest): ...' for the profile and its PDF."""
    if choice == "alle":
        return ""
    why = "met een onzeker lidmaatschap" if choice == "zonder-onzeker" else "die los van de rest liggen"
    if not left_out:
        return f"Geen gemeenten {why}: het cijfer telt alle gemeenten."
    listed = [names.get(c, c) for c in left_out]
    text = ", ".join(listed[:-1]) + " en " + listed[-1] if len(listed) > 1 else listed[0]
    count = "1 gemeente" if len(listed) == 1 else f"{len(listed)} gemeenten"
    return f"Het cijfer telt {count} {why} niet mee: {text}."


def members_words(members: pd.DataFrame, name: str) -> str:
    """The members map in words: how many gemeenten, which of them rest on an uncertain membership."""
    if members.empty:
        return ""
    unsure = sorted(members.loc[members["reliability"] == "uncertain", "gemeente"])
    text = f"De kaart toont de {len(members)} gemeenten van {name} in blauw"
    if unsure:
        text += f"; lichtblauw, met een onzeker lidmaatschap: {', '.join(unsure)}"
    return text + ". Elke gemeente met haar cijfer staat in de tabel eronder."


def _quoted(names: str) -> str:
    listed = [f"'{n}'" for n in names.split(";") if n]
    return ", ".join(listed[:-1]) + " en " + listed[-1] if len(listed) > 1 else "".join(listed)


def about_lines(facts: dict[str, str], also_in: dict[str, tuple[str, ...]], data: OregioData, n: int) -> tuple:
    """The profile's lines about the region as a unit: voorloper since, its other names, a region that is probably
    the same, the gemeenten it shares with another region, and why it is one entry (the register's reason)."""
    lines = []
    if facts.get("voorloper") == "ja":
        lines.append(f"{VOORLOPER_MARK} **Voorloper sinds {facts.get('voorloper_sinds') or 'de eerste ronde'}.**")
    if facts.get("aliassen"):
        lines.append(f"Ook genoemd: {_quoted(facts['aliassen'])} (dezelfde regio in een andere bron).")
    if facts.get("waarschijnlijk_gelijk"):
        lines.append(
            f"Waarschijnlijk dezelfde regio als {_quoted(facts['waarschijnlijk_gelijk'])}: geen bron zegt dat ze "
            "gelijk zijn, daarom staan ze apart."
        )
    if also_in:
        shared = [f"{data.gemeenten.get(c, c)} (ook in {', '.join(r)})" for c, r in sorted(also_in.items())]
        lines.append(
            f"**Betwist:** {len(also_in)} van de {n} gemeenten staan volgens de bronnen ook in een andere "
            f"onderwijsregio voor het {data.sector}: {'; '.join(shared)}. Het cijfer telt ze mee."
        )
    if facts.get("reden"):
        lines.append(f"Indeling: {facts['reden']}")
    return tuple(lines)
