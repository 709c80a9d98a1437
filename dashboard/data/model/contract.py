"""The data contract (DESIGN.md) as code: one schema per table and one validation function.

`validate(frame, table)` raises `ContractError` with a Dutch message that names the column and the
offending rows, so a rejected file tells its author exactly what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data.model.sectors import SCHOOL_SECTORS, SECTORS

# What a figure is (column `kind` of indicators), one of four, in this order on every page and in the API:
KINDS = ("meting", "bericht", "raming", "afgeleid")
KIND_DOCS = {
    "meting": "een officiële meting (de uitgever heeft het zelf gemeten of laten meten)",
    "bericht": "een cijfer dat een nieuwsbericht of sectororganisatie meldt (niet zelf gemeten, niet gecontroleerd)",
    "raming": "een vooruitberekening of schatting, met het jaar waarin ze gemaakt is waar bekend",
    "afgeleid": "hier of door een derde berekend uit andere cijfers (hoe staat in de toelichting)",
}
RELIABILITIES = ("solid", "solid-but-parsed", "secondary", "derived", "uncertain")
GEO_LEVELS = (
    "land",
    "internationaal",
    "provincie",
    "arbeidsmarktregio",
    "gemeente",
    "stadsdeel",
    "wijk",
    "onderwijsregio",
    "overig",
)

# What makes one figure: a dataset holds one value per key (the region name counts for areas without a code).
# The ingest refuses a file with two values for one key; `build --check` compares builds figure by figure.
FIGURE_KEY = [
    "indicator",
    "sector",
    "vak",
    "geo_level",
    "region_code",
    "region_name",
    "categorie",
    "peildatum",
    "kind",
    "source_id",
]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "str", "int" or "float"
    required: bool = True  # may not be empty / NaN
    allowed: tuple[str, ...] = ()
    # Filled in where the column is missing or a cell is empty (a column added later: older files lack it).
    default: str | None = None


@dataclass(frozen=True)
class Schema:
    name: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


SCHEMAS: dict[str, Schema] = {
    "indicators": Schema(
        "indicators",
        (
            Column("indicator", "str"),
            Column("sector", "str", allowed=SECTORS),
            Column("vak", "str", required=False),
            Column("geo_level", "str", allowed=GEO_LEVELS),
            Column("region_code", "str", required=False),
            Column("region_name", "str"),
            Column("categorie", "str", required=False),
            Column("peildatum", "str"),
            Column("year", "int", required=False),  # undated figures: peildatum "onbekend"
            Column("value", "float"),
            Column("unit", "str"),
            Column("kind", "str", allowed=KINDS),
            Column("reliability", "str", allowed=RELIABILITIES),
            Column("source_id", "str"),
            Column("note", "str", required=False),
        ),
    ),
    "sources": Schema(
        "sources",
        (
            Column("source_id", "str"),
            Column("title", "str"),
            Column("publisher", "str"),
            Column("year", "str", required=False),
            Column("url", "str", required=False),
            # the kind of publisher: overheid, onderzoek, sector, nieuws, gemeente, overig (eigen data: eigen ...)
            Column("kind", "str", required=False),
            # SPDX id or a Dutch description (dashboard.data.publish.licences); own data without one: 'onbekend'.
            Column("licence", "str", default="onbekend"),
            # Where the licence is written down (the publisher's terms page or the law), empty when unknown.
            Column("licence_url", "str", required=False, default=""),
            # For the maintainer only: where a copy of the source was read, when not at the publisher.
            Column("copy_url", "str", required=False, default=""),
        ),
        unique=("source_id",),
    ),
    "regions": Schema(
        "regions",
        (
            Column("region_code", "str"),
            Column("region_name", "str"),
            Column("geo_level", "str", allowed=GEO_LEVELS),
            Column("provincie_code", "str", required=False),
            Column("arbeidsmarktregio_code", "str", required=False),
            Column("corop_code", "str", required=False),
            Column("rmc_code", "str", required=False),
            Column("is_g5", "str", allowed=("ja", "nee")),
        ),
        unique=("region_code",),
    ),
    "onderwijsregios": Schema(
        "onderwijsregios",
        (
            Column("onderwijsregio_code", "str"),
            Column("onderwijsregio", "str"),
            Column("status", "str"),
            Column("sectors", "str", required=False),  # as written in the source
            # The sectors parsed from `sectors` ('po;vo;mbo'), 'onbekend' when the source names none.
            Column("sector_codes", "str"),
            Column("same_as", "str", required=False),
            Column("source_ids", "str"),
            Column("alias_sectoren", "str", required=False),  # sectors only a merged older record names
            Column("voorloper", "str", allowed=("ja", "nee")),
            Column("voorloper_sinds", "str", required=False),
            Column("aliassen", "str", required=False),
            Column("oude_codes", "str", required=False),
            Column("waarschijnlijk_gelijk", "str", required=False),
            Column("reden", "str"),
        ),
        unique=("onderwijsregio_code",),
    ),
    "onderwijsregio_leden": Schema(
        "onderwijsregio_leden",
        (
            Column("onderwijsregio_code", "str"),
            Column("member_type", "str"),
            Column("member_name", "str"),
            Column("member_code", "str", required=False),
            Column("reliability", "str", allowed=RELIABILITIES),
            Column("note", "str", required=False),
            Column("source_id", "str"),
            Column("herkomst", "str", required=False),  # the raw record the row comes from
            Column("gedeeld", "str", required=False, allowed=("ja", "nee")),  # a loket's list shared by regions
            Column("ouder", "str", required=False, allowed=("ja", "nee")),  # from a voorloper/in-oprichting record
        ),
    ),
    # The editable definition: which gemeenten form an onderwijsregio, per sector (python -m dashboard
    # onderwijsregios FILE imports a new one). Shipped: derived from onderwijsregio_leden (approximate).
    "onderwijsregio_gemeenten": Schema(
        "onderwijsregio_gemeenten",
        (
            Column("onderwijsregio", "str"),
            # 'onbekend': a region with known gemeenten whose record names no sector (kept, not dropped).
            Column("sector", "str", allowed=(*SCHOOL_SECTORS, "onbekend")),
            Column("gemeentecode", "str"),
            Column("reliability", "str", required=False, allowed=RELIABILITIES),
        ),
        unique=("onderwijsregio", "sector", "gemeentecode"),
    ),
}


class ContractError(ValueError):
    """A frame breaks the data contract; the message is Dutch and names column and rows."""


def _rows(mask: pd.Series, frame: pd.DataFrame, limit: int = 5) -> str:
    """Human row numbers (1 = first data row, as in a spreadsheet below the header)."""
    positions = [int(i) + 1 for i in mask.to_numpy().nonzero()[0][:limit]]
    more = int(mask.sum()) - len(positions)
    text = ", ".join(str(p) for p in positions)
    return text + (f" (en nog {more})" if more > 0 else "")


def _empty(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype("string").str.strip() == "")


def validate(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Check `frame` against the schema of `table`; return it with contract dtypes or raise."""
    return validate_schema(frame, SCHEMAS[table])


def validate_schema(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Check `frame` against `schema`; return it with contract dtypes or raise."""
    table = schema.name
    defaults = {c.name: c.default for c in schema.columns if c.default is not None and c.name not in frame.columns}
    frame = frame.assign(**defaults) if defaults else frame
    missing = [c for c in schema.column_names if c not in frame.columns]
    if missing:
        raise ContractError(
            f"Tabel '{table}': kolom(men) ontbreken: {', '.join(missing)}. Verwacht: {', '.join(schema.column_names)}."
        )
    out = frame[schema.column_names].copy()
    problems: list[str] = []
    for col in schema.columns:
        series = out[col.name]
        if col.kind in ("int", "float"):
            numeric = pd.to_numeric(series, errors="coerce")
            bad = numeric.isna() & ~_empty(series)
            if bad.any():
                problems.append(
                    f"kolom '{col.name}' moet een getal zijn; rij {_rows(bad, out)} (bijv. '{series[bad].iloc[0]}')"
                )
            if col.kind == "int":
                fractional = numeric.notna() & (numeric % 1 != 0)
                if fractional.any():
                    problems.append(f"kolom '{col.name}' moet een geheel getal zijn; rij {_rows(fractional, out)}")
            if col.required and numeric.isna().any() and not bad.any():
                problems.append(f"kolom '{col.name}' is leeg in rij {_rows(numeric.isna(), out)}")
            out[col.name] = numeric.astype("Int64" if col.kind == "int" else "float64")
            continue
        text = series.astype("string").fillna("").str.strip()
        if col.default is not None:
            text = text.mask(text == "", col.default)
        if col.required and (text == "").any():
            problems.append(f"kolom '{col.name}' is leeg in rij {_rows(text == '', out)}")
        if col.allowed:
            bad = (text != "") & ~text.isin(col.allowed)
            if bad.any():
                problems.append(
                    f"kolom '{col.name}' heeft een onbekende waarde in rij {_rows(bad, out)} "
                    f"(bijv. '{text[bad].iloc[0]}'; toegestaan: {', '.join(col.allowed)})"
                )
        out[col.name] = text.astype(str)
    if schema.unique:
        dup = out.duplicated(list(schema.unique), keep=False)
        if dup.any():
            problems.append(f"kolom(men) {', '.join(schema.unique)} moeten uniek zijn; dubbel in rij {_rows(dup, out)}")
    if problems:
        raise ContractError(f"Tabel '{table}' voldoet niet aan het datacontract: " + "; ".join(problems) + ".")
    return out.reset_index(drop=True)


def validate_references(indicators: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Every figure must trace to a source row."""
    unknown = ~indicators["source_id"].isin(sources["source_id"])
    if unknown.any():
        ids = sorted(indicators.loc[unknown, "source_id"].unique())
        raise ContractError(
            f"Tabel 'indicators': source_id zonder bron in 'sources' in rij {_rows(unknown, indicators)} "
            f"({', '.join(ids[:5])})."
        )


# What each column means (Dutch; the data package and the OpenAPI description show it). A name means the same in
# every table that has it.
COLUMN_DOCS: dict[str, str] = {
    "indicator": "wat er gemeten is (stabiele id, bijv. tekort_pct, tekort_fte, instroom_opleiding)",
    "sector": "onderwijssector: po, vo, mbo, so, ho, of alle (meer sectoren samen)",
    "vak": "schoolvak (alleen bij cijfers per vak in het vo), anders leeg",
    "geo_level": "gebiedsniveau van het cijfer",
    "region_code": "CBS-code van het gebied: NL01 (Nederland), PVxx (provincie), AMxx (arbeidsmarktregio), GMxxxx "
    "(gemeente); OESO en EU voor internationale gemiddelden; leeg voor gebieden zonder CBS-code",
    "region_name": "naam van het gebied",
    "categorie": "nadere indeling binnen de bron (bijv. soort school, raming van welk jaar). Rijen met dezelfde "
    "indicator, sector, vak, gebied, peildatum en soort zijn varianten van één cijfer (een andere bron of afbakening, "
    "hier in categorie), geen delen om op te tellen: kolom varianten telt ze; kies er één met ?categorie=",
    "varianten": "hoeveel rijen (deze meegeteld) hetzelfde cijfer geven: zelfde indicator, sector, vak, gebied, "
    "peildatum en soort; meer dan 1: varianten uit een andere bron of afbakening (categorie), niet optellen",
    "betrouwbaarheid": "de betrouwbaarheid in woorden, zoals de pagina's en hun CSV's haar noemen (naast de stabiele "
    "code in reliability)",
    "peildatum": "peildatum van een meting: JJJJ-MM-DD; leeg als de bron geen datum geeft (dan zegt periode waarop "
    "het cijfer slaat). Het filter ?peildatum= neemt ook een periode aan, zoals oudere versies die in deze kolom "
    "hadden",
    "periode": "waarop een cijfer zonder datum slaat: kalenderjaar (2023), schooljaar (2021/2022), meerdere jaren "
    "(2013-2016), kwartaal (2022-Q2), maand (2024-07) of een meting met een naam (IPTO2020); 'onbekend' als de bron "
    "niets zegt; leeg als er een peildatum is",
    "peildatum_afgeleid": "ja als de peildatum niet in de bron staat maar is afgeleid (bijv. uit de publicatiedatum)",
    "year": "jaar van de peildatum",
    "value": "de waarde, in de eenheid van kolom unit",
    "unit": "eenheid van value (bijv. '% werkgelegenheid', 'fte', 'studenten')",
    "kind": "bij cijfers wat het cijfer is: "
    + "; ".join(f"{k}: {v}" for k, v in KIND_DOCS.items())
    + ". Bij bronnen: het soort uitgever",
    "reliability": "betrouwbaarheid: solid (officiële bron), solid-but-parsed (officieel, uit tekst of grafiek "
    "overgenomen), secondary (via nieuws of een derde), derived (afgeleid), uncertain (onzeker)",
    "source_id": "id van de bron in het bronnenregister (sources)",
    "note": "toelichting bij het cijfer",
    "title": "titel van de bron",
    "publisher": "uitgever van de bron",
    "url": "waar de bron te vinden is",
    "licence": "licentie van de bron: SPDX-id (CC-BY-4.0, CC0-1.0) of een omschrijving; 'onbekend' als de bron geen "
    "licentie vermeldt",
    "licence_url": "waar de licentie of de wettelijke regel staat waarop het hergebruik steunt",
    "copy_url": "alleen voor beheerders: waar een kopie van de bron gelezen is als dat niet bij de uitgever was",
    "provincie_code": "CBS-code van de provincie van de gemeente",
    "arbeidsmarktregio_code": "CBS-code van de arbeidsmarktregio van de gemeente",
    "corop_code": "COROP-gebied van de gemeente",
    "rmc_code": "RMC-regio van de gemeente",
    "is_g5": "ja voor de vijf grootste gemeenten (G5)",
    "onderwijsregio_code": "code van de onderwijsregio (OR- en de naam als slug)",
    "onderwijsregio": "naam van de onderwijsregio",
    "status": "status van de onderwijsregio volgens de bron",
    "sectors": "sectoren zoals de bron ze noemt",
    "sector_codes": "sectoren als codes, gescheiden door ; ('onbekend' als de bron er geen noemt)",
    "same_as": "naam van dezelfde regio in een andere bron",
    "source_ids": "bron-id's, gescheiden door ;",
    "alias_sectoren": "sectoren die alleen een opgegane vermelding (voorloper) noemt, gescheiden door ;",
    "voorloper": "ja als de onderwijsregio (of een regio die erin opging) een voorloper van 2023 is",
    "voorloper_sinds": "jaar waarin de regio als voorloper begon",
    "aliassen": "andere namen van dezelfde regio (voorloper, in oprichting, ander loket), gescheiden door ;",
    "oude_codes": "codes van eerdere vermeldingen die nu deze regio openen, gescheiden door ;",
    "waarschijnlijk_gelijk": "regio's die waarschijnlijk dezelfde zijn (geen bron zegt '='), gescheiden door ;",
    "reden": "waarom deze vermelding één onderwijsregio is (samengevoegd, gesplitst of apart gehouden)",
    "herkomst": "de vermelding in de bron waar het lid vandaan komt",
    "gedeeld": "ja als de lijst van een loket is dat meer onderwijsregio's bedient",
    "ouder": "ja als het lid uit een vermelding van voor het netwerk van 2025 komt (voorloper, in oprichting)",
    "gemeentecode": "CBS-code van de gemeente (GMxxxx)",
}
# Columns whose unit is the same in every row (value's unit differs per row: column unit).
COLUMN_UNITS: dict[str, str] = {"year": "jaar"}


# --- one peildatum format where tables leave the dashboard (API, downloads, data package) ---------------------------
# The raw tables keep the forms their sources give (and the pages read them so: 'IPTO2020', '2021/2022'). What is
# handed out has one form per column: `peildatum` is an ISO date of a measurement or empty, `periode` the year,
# school year, span, quarter, month or named round a figure is about when the source gives no date, and
# `peildatum_afgeleid` says 'ja' where the date is inferred (the source's '?'). Nothing is lost: the old value is
# peildatum + '?' or periode, and 'onbekend' stays 'onbekend' in periode.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PUBLIC_DATE_COLUMNS = ("peildatum", "periode", "peildatum_afgeleid")


def split_peildatum(text: str) -> tuple[str, str, str]:
    """A source's peildatum -> (ISO date or '', periode or '', 'ja' if the date is inferred else '')."""
    text = str(text).strip()
    inferred = text.endswith("?")
    clean = text.rstrip("?")
    if ISO_DATE.fullmatch(clean):
        return clean, "", "ja" if inferred else ""
    return "", text, ""


def public_dates(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicators with one format per date column (split_peildatum), `periode` and `peildatum_afgeleid` right
    after `peildatum`. A table that has them already (a later build) passes unchanged."""
    if "periode" in indicators.columns:
        return indicators
    parts = [split_peildatum(v) for v in indicators["peildatum"]]
    out = indicators.copy()
    at = list(out.columns).index("peildatum")
    out["peildatum"] = [p[0] for p in parts]
    out.insert(at + 1, "periode", [p[1] for p in parts])
    out.insert(at + 2, "peildatum_afgeleid", [p[2] for p in parts])
    return out


# What one figure is regardless of who published it or how it is cut: rows sharing these are variants of it.
VARIANT_KEY = ["indicator", "sector", "vak", "geo_level", "region_code", "region_name", "peildatum", "kind"]


def variants(rows: pd.DataFrame, everything: pd.DataFrame) -> pd.Series:
    """Per row of `rows` (a selection of `everything`): how many rows of `everything` give the same figure."""
    counts = everything.groupby(VARIANT_KEY, dropna=False).size().rename("varianten").reset_index()
    return rows[VARIANT_KEY].merge(counts, on=VARIANT_KEY, how="left")["varianten"].fillna(1).astype(int).values
