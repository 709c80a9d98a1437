"""What a regioprofiel says, as plain frozen data: filled by dashboard.report.regioprofiel (or by hand, e.g. a page
adding comparison rows with dataclasses.replace), drawn by dashboard.report.drawings and laid out by
dashboard.report.pdf. Kept apart from reportlab so the content can be built and checked without its layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyFigure:
    """One figure of the region, with the national figure of the same peildatum when there is one."""

    label: str
    value: float | None
    unit: str = "%"  # "%", "fte" or "" (a count)
    national: float | None = None


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    value: float | None
    note: str = ""
    highlight: bool = False  # the region itself


@dataclass(frozen=True)
class SourceRow:
    publisher: str
    title: str
    year: str
    url: str
    reliability: str  # contract code: solid, secondary, derived, uncertain ...
    used_for: str = ""  # what the profile takes from it, e.g. "welke gemeenten bij de regio horen"


@dataclass(frozen=True)
class RegionReport:
    """Plain data of one regioprofiel. `geojson`: FeatureCollection of the region's gemeenten (property `value`
    colours a gemeente by its figure, `statnaam` names it); `neighbours`: optional context drawn pale."""

    title: str
    kind: str  # "onderwijsregio", "eigen regio" or "arbeidsmarktregio"
    sector: str
    peildatum: str  # as shown, e.g. "okt 2023"
    geojson: dict
    figures: tuple[KeyFigure, ...]
    neighbours: dict | None = None
    comparison: tuple[ComparisonRow, ...] = ()
    comparison_title: str = "Vergelijking"
    method: str = ""
    spread: tuple[KeyFigure, ...] = ()
    sources: tuple[SourceRow, ...] = ()
    attribution: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    headline: str = ""  # what the big figure is; default: the first figure's label and sector
    # What makes the file citable (the page fills them): when it was made, from which data, and where to see it.
    made_on: str = ""  # "6 december 2026"
    data_version: str = ""  # the dataset version of the figures (X-Dataset-Version of the API)
    link: str = ""  # the address of the exact view on the dashboard
    # Members marked on the map as on the web map (gemeentecodes): an uncertain membership, lying apart.
    unsure: tuple[str, ...] = ()
    apart: tuple[str, ...] = ()
