"""DUO 'Onderwijspersoneel' files -> werkgelegenheid (fte or persons) per gemeente and arbeidsmarktregio.

The layouts are those in docs/duo_formats.md (xlsx or csv): one row per onderwijstype x bevoegd gezag x
instelling (BRIN4) [x functiegroep], one column per peiljaar (`FTE'S 2024` or `PERSONEN 2024`; peildatum
1 oktober). The personnel files do not say where an instelling is, so a DUO vestigingen file (`--adressen`,
with INSTELLINGSCODE/BRIN NUMMER and GEMEENTENUMMER) places each instelling; an instelling with vestigingen in
several gemeenten is split equally over its vestigingen. Staff that cannot be placed (board level
'BOVENSCHOOLS', unknown instelling, gemeente not in the current indeling) and suppressed cells ('*', '<5')
are counted and reported, never read as 0.

The result is rows in the indicators contract (indicator `werkgelegenheid_fte` / `werkgelegenheid_personen`),
so the import path of dashboard.data.intake.ingest stores them, marked as own data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data.intake.ingest import OWN_KIND, OWN_PREFIX, IngestError
from dashboard.data.model.contract import validate

INSTELLING_COLUMNS = ("INSTELLINGSCODE", "BRIN NUMMER", "BRIN_NUMMER", "BRINNUMMER")
GEMEENTE_COLUMNS = ("GEMEENTENUMMER", "GEMEENTECODE")
MEASURES = {"FTE'S": "fte", "FTES": "fte", "FTE": "fte", "PERSONEN": "personen", "AANTAL PERSONEN": "personen"}
YEAR_COLUMN = re.compile(r"^(FTE'S|FTES|FTE|AANTAL PERSONEN|PERSONEN)[ _](\d{4})$")
SECTOR_OF_TYPE = {"BAO": "po", "SBAO": "po", "PO": "po", "VO": "vo", "WEC": "so", "SO": "so", "VSO": "so"}
TEACHERS = "onderwijsgevend personeel"
BOARD_LEVEL = "BOVENSCHOOLS"
SUPPRESSED = re.compile(r"^(\*+|<\s*\d+|-)$")


@dataclass
class DuoSummary:
    """What happened to every fte/person in the file (printed by the command line)."""

    measure: str
    years: list[int]
    sectors: list[str]
    placed: dict[int, float] = field(default_factory=dict)
    not_placed: dict[str, float] = field(default_factory=dict)
    suppressed_cells: int = 0
    gemeenten: int = 0


def _find(columns: list[str], options: tuple[str, ...], what: str) -> str:
    upper = {c.upper().strip(): c for c in columns}
    for option in options:
        if option in upper:
            return upper[option]
    raise IngestError(
        f"Kolom {what} ontbreekt (verwacht een van: {', '.join(options)}). Gevonden kolommen: "
        f"{', '.join(columns[:12])}{' …' if len(columns) > 12 else ''}."
    )


def year_columns(columns: list[str]) -> tuple[str, dict[int, str]]:
    """(measure, {year: column}); fte wins over persons when a file has both."""
    found: dict[str, dict[int, str]] = {}
    for column in columns:
        match = YEAR_COLUMN.match(column.upper().strip())
        if match:
            found.setdefault(MEASURES[match.group(1)], {})[int(match.group(2))] = column
    for measure in ("fte", "personen"):
        if measure in found:
            return measure, dict(sorted(found[measure].items()))
    raise IngestError(
        'Geen jaarkolommen gevonden zoals "FTE\'S 2024" of "PERSONEN 2024". Is dit een DUO-bestand '
        "'Onderwijspersoneel in fte' of 'in personen'?"
    )


def parse_number(text: str) -> float | None:
    """'1.234,5' / '1234.5' / '12' -> float; suppressed or empty -> None."""
    text = str(text).strip()
    if not text or SUPPRESSED.match(text):
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def personnel_long(frame: pd.DataFrame) -> tuple[pd.DataFrame, str, int]:
    """The personnel sheet -> long rows (instelling, sector, year, value); returns (rows, measure, suppressed)."""
    columns = [str(c) for c in frame.columns]
    instelling = _find(columns, INSTELLING_COLUMNS, "INSTELLINGSCODE (of BRIN NUMMER)")
    owtype = _find(columns, ("ONDERWIJSTYPE", "SOORT PO", "SOORT ONDERWIJS"), "ONDERWIJSTYPE")
    measure, years = year_columns(columns)
    rows = frame
    upper = {c.upper().strip(): c for c in columns}
    if "FUNCTIEGROEP" in upper:  # the shortage percentages are about teachers, so count teachers only
        rows = rows[rows[upper["FUNCTIEGROEP"]].str.strip().str.lower() == TEACHERS]
    types = rows[owtype].str.strip().str.upper()
    unknown = ~types.isin(SECTOR_OF_TYPE) & (types != "")
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0]) + 1
        raise IngestError(
            f"Kolom '{owtype}', rij {position}: onbekend onderwijstype '{types[unknown].iloc[0]}' "
            f"(bekend: {', '.join(SECTOR_OF_TYPE)})."
        )
    parts = []
    suppressed = 0
    for year, column in years.items():
        values = rows[column].map(parse_number)
        suppressed += int((values.isna() & (rows[column].astype(str).str.strip() != "")).sum())
        parts.append(
            pd.DataFrame(
                {
                    "instelling": rows[instelling].str.strip().str.upper(),
                    "sector": types.map(SECTOR_OF_TYPE),
                    "year": year,
                    "value": values.astype(float),
                }
            )
        )
    long = pd.concat(parts, ignore_index=True).dropna(subset=["value", "sector"])
    return long, measure, suppressed


def instelling_gemeenten(adressen: pd.DataFrame) -> pd.DataFrame:
    """Vestigingen file -> (instelling, gemeente_code, share): equal share per vestiging of an instelling."""
    columns = [str(c) for c in adressen.columns]
    instelling = _find(columns, INSTELLING_COLUMNS, "INSTELLINGSCODE (of BRIN NUMMER)")
    gemeente = _find(columns, GEMEENTE_COLUMNS, "GEMEENTENUMMER")
    codes = adressen[gemeente].str.strip().str.replace(r"^GM", "", regex=True)
    bad = ~codes.str.fullmatch(r"\d{1,4}")
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0]) + 1
        raise IngestError(
            f"Kolom '{gemeente}', rij {position}: '{adressen[gemeente].iloc[position - 1]}' is geen "
            "gemeentenummer (verwacht 4 cijfers, bijv. 0363)."
        )
    table = pd.DataFrame(
        {
            "instelling": adressen[instelling].str.strip().str.upper().str[:4],
            "gemeente_code": "GM" + codes.str.zfill(4),
        }
    )
    table["share"] = 1 / table.groupby("instelling")["instelling"].transform("size")
    return table.groupby(["instelling", "gemeente_code"], as_index=False)["share"].sum()


def werkgelegenheid_rows(
    personnel: pd.DataFrame,
    adressen: pd.DataFrame,
    regions: pd.DataFrame,
    source_id: str,
) -> tuple[pd.DataFrame, DuoSummary]:
    """Indicator rows per gemeente and arbeidsmarktregio, plus what could not be placed."""
    long, measure, suppressed = personnel_long(personnel)
    places = instelling_gemeenten(adressen)
    gemeenten = regions[regions["geo_level"] == "gemeente"][["region_code", "region_name", "arbeidsmarktregio_code"]]
    am_names = regions[regions["geo_level"] == "arbeidsmarktregio"].set_index("region_code")["region_name"]
    summary = DuoSummary(
        measure,
        sorted(long["year"].unique().tolist()),
        sorted(long["sector"].unique().tolist()),
        suppressed_cells=suppressed,
    )

    board = long["instelling"] == BOARD_LEVEL
    summary.not_placed["bovenschools (bestuursniveau)"] = float(long.loc[board, "value"].sum())
    placed = long[~board].merge(places, on="instelling", how="left")
    summary.not_placed["instelling niet in adressenbestand"] = float(placed.loc[placed["share"].isna(), "value"].sum())
    placed = placed.dropna(subset=["share"]).merge(
        gemeenten, left_on="gemeente_code", right_on="region_code", how="left"
    )
    outside = placed["region_code"].isna()
    summary.not_placed["gemeente niet in de huidige indeling"] = float(
        (placed.loc[outside, "value"] * placed.loc[outside, "share"]).sum()
    )
    placed = placed[~outside].assign(value=lambda d: d["value"] * d["share"])

    per_gemeente = placed.groupby(
        ["sector", "year", "gemeente_code", "region_name", "arbeidsmarktregio_code"], as_index=False
    )["value"].sum()
    per_am = per_gemeente.groupby(["sector", "year", "arbeidsmarktregio_code"], as_index=False)["value"].sum()
    summary.placed = per_gemeente.groupby("year")["value"].sum().round(1).to_dict()
    summary.gemeenten = per_gemeente["gemeente_code"].nunique()

    unit = "fte" if measure == "fte" else "personen"
    common = {
        "indicator": f"werkgelegenheid_{measure}",
        "vak": "",
        "categorie": "",
        "unit": unit,
        "kind": "meting",
        "reliability": "derived",
        "source_id": source_id,
    }
    gm_rows = per_gemeente.assign(
        geo_level="gemeente",
        region_code=per_gemeente["gemeente_code"],
        note="DUO onderwijspersoneel, onderwijsgevend personeel, naar gemeente van de vestigingen",
    )
    am_rows = per_am.assign(
        geo_level="arbeidsmarktregio",
        region_code=per_am["arbeidsmarktregio_code"],
        region_name=per_am["arbeidsmarktregio_code"].map(am_names),
        note="som van de gemeenten in de arbeidsmarktregio",
    )
    out = pd.concat([gm_rows, am_rows], ignore_index=True).assign(**common)
    out["peildatum"] = out["year"].astype(str) + "-10-01"
    out["value"] = out["value"].round(2)
    return validate(out, "indicators"), summary


def duo_source(source_id: str, filename: str, summary: DuoSummary) -> pd.DataFrame:
    years = f"{summary.years[0]}-{summary.years[-1]}" if summary.years else ""
    return validate(
        pd.DataFrame(
            [
                {
                    "source_id": source_id,
                    "title": f"Onderwijspersoneel in {summary.measure} ({filename}), per gemeente en arbeidsmarktregio",
                    "publisher": "DUO (eigen import)",
                    "year": years,
                    "url": "https://duo.nl/open_onderwijsdata/",
                    "kind": OWN_KIND,
                }
            ]
        ),
        "sources",
    )


def source_id_for(filename: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", filename.rsplit(".", 1)[0]).strip("-").upper()
    return f"{OWN_PREFIX}DUO-{stem[:60]}"
