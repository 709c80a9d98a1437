"""A regional measurement from the "Brontabel als csv" of OCW in cijfers: one row per region, name and value.

The file is a user's download from a government site, so it is read by its shape, not by a fixed layout: the
separator (`;`, `,` or tab), a header or none, a BOM, quotes, Windows line ends, values as `3,50%`, `3,5` or `3.5`.
Region names are matched to codes with the names the project already knows (`name_in_ocw_table` and
`name_in_source` in data/raw/arbeidsmarktregio_codes.csv, the boundary names, the G5 names), forgiving case,
accents, hyphens, spaces, punctuation and a leading "Regio". A name is never guessed: one that matches no region
refuses the file, with the nearest known name as a hint only.

Two ways in, one reading:
- `python -m dashboard ingest BESTAND --indicator ... --sector ... --peildatum ...` -> own data (data/eigen/),
  a new generation like every import (`import_brontabel`);
- `python -m dashboard meting BESTAND ... --naar-raw` -> rows in the project's long format in
  data/raw/regional_shortage_<sector>.csv plus a source in data/raw/sources.csv (`write_raw`), for `build`.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.data import store
from dashboard.data.build import G5_CODES, read_raw
from dashboard.data.ingest import (
    FORMULA_START,
    HTML,
    MAX_IMPORT_BYTES,
    IngestError,
    check_frame,
    merge_own,
    read_own,
    write_own,
)
from dashboard.data.licences import UNKNOWN
from dashboard.data.paths import EIGEN_DIR, RAW_DIR
from dashboard.data.readers import ReadError, check_size, file_kind
from dashboard.data.sectors import REGIONAL_SECTORS

# --indicator -> (measure, personeel) in data/raw/regional_shortage_*.csv (build.staff_indicator maps them back)
INDICATORS = {
    "tekort_pct": ("totaal_tekort_pct", "leraren"),
    "tekort_schoolleiding_pct": ("totaal_tekort_pct", "schoolleiding"),
}
SECTORS = REGIONAL_SECTORS  # the sectors with a regional table in data/raw/
UNIT = "% werkgelegenheid"
RELIABILITY = "solid"  # the ministry's own table, as the shipped rows from it
RAW_LEVELS = {"arbeidsmarktregio": "arbeidsmarktregio (excl. G5-gemeente)", "gemeente": "gemeente (G5)"}
RAW_KIND = "primary-official"
# Other spellings of a G5 gemeente than its official name (the same gemeente, never a neighbour).
G5_ALIASES = {"Den Haag": "GM0518"}
MAX_LINES = 200  # a brontabel has one line per region (40); more is another kind of file
DELIMITERS = ("\t", ";", ",")  # in this order: a `;` or tab file has commas in its values (3,90%)
VALUE = re.compile(r"([+-]?)(\d+)(?:[.,](\d+))?\s*%?")
NAME_SHOWN = 60  # characters of an unknown name repeated in a message
LOOKS_BYTES = 1_000_000  # a brontabel is about 1 kB; a larger file is not looked at as one


@dataclass(frozen=True)
class Meta:
    """The options of the command: what the file measures and where it comes from."""

    indicator: str
    sector: str
    peildatum: str
    bron_titel: str
    bron_uitgever: str
    bron_jaar: str
    bron_url: str

    @property
    def source_id(self) -> str:
        """One id per measurement: a corrected file for the same measurement replaces the earlier import."""
        return f"BRONTABEL-{self.sector}-{self.indicator}-{self.peildatum}".upper()


OPTIONS = {  # Meta field -> option; all required (a source line names publisher, title, year and link)
    "indicator": "--indicator",
    "sector": "--sector",
    "peildatum": "--peildatum",
    "bron_titel": "--bron-titel",
    "bron_uitgever": "--bron-uitgever",
    "bron_jaar": "--bron-jaar",
    "bron_url": "--bron-url",
}
REQUIRED = tuple(OPTIONS)
EXAMPLE = (
    "python -m dashboard ingest BESTAND --indicator tekort_pct --sector vo --peildatum 2025-10-01 "
    "--bron-titel 'Tekorten vo per regio (peildatum oktober 2025)' --bron-uitgever 'Ministerie van OCW' "
    "--bron-jaar 2025 --bron-url https://www.ocwincijfers.nl/..."
)


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # as OCW writes it (the name the shipped rows carry)
    geo_level: str  # arbeidsmarktregio or gemeente (G5)
    parent: str = ""  # a G5 gemeente: the OCW name of its arbeidsmarktregio


@dataclass(frozen=True)
class Line:
    number: int  # line in the file, 1 = the first line
    name: str
    value: str


@dataclass(frozen=True)
class Entry:
    line: Line
    region: Region
    value: float


@dataclass(frozen=True)
class Brontabel:
    entries: tuple[Entry, ...]
    missing: tuple[Region, ...]  # known regions the file has no line for (the map shows "geen cijfer")
    header: Line | None  # the first line, when it was read as a header

    def warnings(self) -> list[str]:
        if not self.missing:
            return []
        names = ", ".join(sorted(r.name for r in self.missing))
        return [f"{len(self.missing)} regio's staan niet in het bestand en krijgen op de kaart 'geen cijfer': {names}."]


# --- options -------------------------------------------------------------------------------------------------------


def given_options(values: Mapping[str, str | None]) -> bool:
    return any(values.get(field) not in (None, "") for field in OPTIONS)


def check_options(values: Mapping[str, str | None]) -> Meta:
    """The options as a Meta, or IngestError naming every missing or wrong one."""
    given = {field: str(values.get(field) or "").strip() for field in OPTIONS}
    missing = [OPTIONS[f] for f in REQUIRED if not given[f]]
    if missing:
        raise IngestError(
            f"Voor een brontabel (regio en waarde) ontbreekt: {', '.join(missing)}. Geef aan wat het bestand meet en "
            f"waar het vandaan komt, bijvoorbeeld:\n  {EXAMPLE}"
        )
    problems = []
    if given["indicator"] not in INDICATORS:
        problems.append(
            f"--indicator '{given['indicator']}' kan niet uit een brontabel komen; kies uit {', '.join(INDICATORS)}"
        )
    if given["sector"] not in SECTORS:
        problems.append(f"--sector '{given['sector']}': regionale tekorten zijn er voor {' en '.join(SECTORS)}")
    if not valid_date(given["peildatum"]):
        problems.append(f"--peildatum '{given['peildatum']}' is geen datum als 2025-10-01 (JJJJ-MM-DD)")
    if not re.fullmatch(r"(19|20)\d\d", given["bron_jaar"]):
        problems.append(f"--bron-jaar '{given['bron_jaar']}' is geen jaartal als 2025")
    if not re.fullmatch(r"https?://\S+", given["bron_url"]):
        problems.append(f"--bron-url '{given['bron_url']}' is geen webadres (http:// of https://)")
    for field in ("bron_titel", "bron_uitgever"):
        if given[field].startswith(FORMULA_START) or HTML.search(given[field]):
            problems.append(f"{OPTIONS[field]} bevat een formule of HTML; alleen platte tekst is toegestaan")
    if problems:
        raise IngestError("Onjuiste optie: " + "; ".join(problems) + ".")
    return Meta(**given)


def valid_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


# --- known regions -------------------------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """'Regio Zwolle', 'zwolle', 'Gooi- en Vechtstreek', "'s-Gravenhage", 'Food Valley' -> one key each:
    letters and digits only, lower case, no accents, without a leading word 'regio'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    if len(words) > 1 and words[0] == "regio":
        words = words[1:]
    return "".join(words)


def known_regions(codes: pd.DataFrame, regions: pd.DataFrame) -> dict[str, Region]:
    """Name key -> region, for every arbeidsmarktregio and G5 gemeente on the current map. A key that would
    point at two regions is left out (such a name is then refused, never guessed)."""
    on_map = set(zip(regions["geo_level"], regions["region_code"]))
    am_names = {code: name for code, name in zip(codes["am_code"], codes["name_in_ocw_table"])}
    spellings: list[tuple[str, Region]] = []
    for _, row in codes.iterrows():
        if ("arbeidsmarktregio", row["am_code"]) not in on_map:
            continue
        region = Region(row["am_code"], row["name_in_ocw_table"], "arbeidsmarktregio")
        spellings += [(row["name_in_ocw_table"], region), (row["name_in_source"], region)]
    boundary = regions[regions["geo_level"] == "arbeidsmarktregio"]
    for code, name in zip(boundary["region_code"], boundary["region_name"]):
        if code in am_names:
            spellings.append((name, Region(code, am_names[code], "arbeidsmarktregio")))
    gemeenten = regions[regions["geo_level"] == "gemeente"].set_index("region_code")
    g5 = {}
    for name, code in G5_CODES.items():
        if code in gemeenten.index:
            parent = am_names.get(gemeenten.loc[code, "arbeidsmarktregio_code"], "")
            g5[code] = Region(code, name, "gemeente", parent)
            spellings.append((name, g5[code]))
    spellings += [(alias, g5[code]) for alias, code in G5_ALIASES.items() if code in g5]
    found: dict[str, set[Region]] = {}
    for name, region in spellings:
        found.setdefault(name_key(name), set()).add(region)
    return {key: next(iter(rs)) for key, rs in found.items() if key and len(rs) == 1}


def expected(known: Mapping[str, Region]) -> list[Region]:
    """The regions a complete brontabel has a line for (every known region once)."""
    return sorted(set(known.values()), key=lambda r: (r.geo_level, r.code))


def nearest(name: str, known: Mapping[str, Region]) -> str:
    """The known name closest to `name`: a hint in a message, never used to import."""
    names = sorted({r.name for r in known.values()})
    key = name_key(name)
    return max(names, key=lambda n: difflib.SequenceMatcher(None, key, name_key(n)).ratio())


# --- reading -------------------------------------------------------------------------------------------------------


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (what Excel on Windows writes)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise IngestError("Het bestand bevat binaire gegevens; een brontabel is een CSV-bestand (tekst).")
    return text


def choose_delimiter(first_line: str) -> str | None:
    """The separator of the first line, quotes respected: tab, then `;`, then `,`; None when it has none."""
    for delimiter in DELIMITERS:
        if len(next(csv.reader([first_line], delimiter=delimiter))) > 1:
            return delimiter
    return None


def split_lines(text: str) -> tuple[list[tuple[int, list[str]]], str | None]:
    """(line number, cells) of every non-empty line, cells stripped, columns empty on every line dropped."""
    physical = text.splitlines()
    if physical and re.fullmatch(r"\s*sep=.\s*", physical[0]):  # Excel's hint line "sep=;"
        physical[0] = ""
    first = next((line for line in physical if line.strip()), "")
    delimiter = choose_delimiter(first)
    reader = csv.reader(io.StringIO("\n".join(physical)), delimiter=delimiter or "\x1f")
    rows = []
    for cells in reader:
        cleaned = [c.replace("\xa0", " ").replace("\ufeff", "").strip() for c in cells]
        if any(cleaned):
            rows.append((reader.line_num, cleaned))
    width = max((len(cells) for _, cells in rows), default=0)
    used = [i for i in range(width) if any(i < len(cells) and cells[i] for _, cells in rows)]
    last = max(used, default=-1) + 1
    return [(n, (cells + [""] * last)[:last]) for n, cells in rows], delimiter


def parse_value(text: str) -> float | None:
    """'3,50%', '3,5', '3.5', '13' -> the number; anything else None."""
    match = VALUE.fullmatch(text.strip())
    if not match:
        return None
    sign, whole, fraction = match.groups()
    return float(f"{sign}{whole}.{fraction or '0'}")


def check_shape(rows: list[tuple[int, list[str]]], delimiter: str | None) -> None:
    """Exactly two columns: region and value."""
    if len(rows) > MAX_LINES:
        raise IngestError(
            f"Het bestand heeft {len(rows)} regels; een brontabel heeft één regel per regio (hooguit {MAX_LINES})."
        )
    width = max((len(cells) for _, cells in rows), default=0)
    if width == 0:
        raise IngestError("Het bestand is leeg.")
    if width == 1:
        raise IngestError(
            "Het bestand heeft één kolom; een brontabel heeft er twee: de regio en de waarde, gescheiden door "
            "een puntkomma, komma of tab."
        )
    if width > 2:
        number, cells = next((n, c) for n, c in rows if any(c[2:]))
        hint = ""
        if (
            delimiter == ","
            and len(cells) == 3
            and re.fullmatch(r"[+-]?\d+", cells[1])
            and re.fullmatch(r"\d+\s*%?", cells[2])
        ):
            hint = (
                f" Staat er een decimale komma zonder aanhalingstekens ('{cells[1]},{cells[2]}')? Sla het bestand "
                "dan op met een puntkomma als scheidingsteken, of zet de waarden tussen aanhalingstekens."
            )
        raise IngestError(
            f"Regel {number} heeft {width} kolommen; een brontabel heeft er twee: de regio en de waarde.{hint}"
        )


def is_percentage(text: str) -> bool:
    value = parse_value(text)
    return value is not None and 0 <= value <= 100


def table_lines(rows: list[tuple[int, list[str]]], known: Mapping[str, Region]) -> tuple[list[Line], Line | None]:
    """The data lines, and the first line if it is a header: its name is no region and its value no percentage
    ("Regio;Percentage", "Arbeidsmarktregio;2025"). A region with a wrong value is a data line, so it is refused,
    not skipped."""
    lines = [Line(n, cells[0], cells[1]) for n, cells in rows]
    first = lines[0]
    if name_key(first.name) not in known and not is_percentage(first.value):
        return lines[1:], first
    return lines, None


def shown(name: str) -> str:
    return name if len(name) <= NAME_SHOWN else name[:NAME_SHOWN] + "..."


def match_lines(lines: list[Line], known: Mapping[str, Region]) -> list[Entry]:
    """Every line to its region and value; IngestError listing every unknown name, wrong value and region
    named twice, each with its line."""
    problems: list[str] = []
    entries: list[Entry] = []
    seen: dict[str, Line] = {}
    for line in lines:
        region = known.get(name_key(line.name))
        value = parse_value(line.value)
        if region is None:
            hint = f'; bedoelt u "{nearest(line.name, known)}"?' if line.name else ""
            what = (
                f'"{shown(line.name)}" is geen bekende arbeidsmarktregio of G5-gemeente'
                if line.name
                else "de regionaam is leeg"
            )
            problems.append(f"regel {line.number}: {what}{hint}")
        if value is None:
            problems.append(
                f'regel {line.number}: de waarde "{shown(line.value)}" bij "{shown(line.name)}" is geen '
                "getal (verwacht bijv. 3,50% of 3,5)"
            )
        elif not (math.isfinite(value) and 0 <= value <= 100):
            problems.append(
                f'regel {line.number}: de waarde {shown(line.value)} bij "{shown(line.name)}" ligt niet '
                "tussen 0 en 100%"
            )
        if region is None or value is None:
            continue
        if region.code in seen:
            before = seen[region.code]
            problems.append(
                f'regel {line.number}: "{shown(line.name)}" is dezelfde regio als "{before.name}" op '
                f"regel {before.number} ({region.name}); elke regio mag één keer voorkomen"
            )
            continue
        seen[region.code] = line
        if 0 <= value <= 100:
            entries.append(Entry(line, region, value))
    if problems:
        raise IngestError(
            "De brontabel is geweigerd:\n- "
            + "\n- ".join(problems)
            + "\nPas het bestand aan (ontbrekende regio's mogen: die krijgen op de kaart 'geen cijfer')."
        )
    return entries


def read_text(text: str, known: Mapping[str, Region]) -> Brontabel:
    rows, delimiter = split_lines(text)
    check_shape(rows, delimiter)
    lines, header = table_lines(rows, known)
    if not lines:
        raise IngestError("Het bestand heeft een kopregel maar geen regels met regio's.")
    entries = match_lines(lines, known)
    measured = {e.region.code for e in entries}
    return Brontabel(tuple(entries), tuple(r for r in expected(known) if r.code not in measured), header)


def read_file(path: Path, known: Mapping[str, Region], max_bytes: int = MAX_IMPORT_BYTES) -> Brontabel:
    """A brontabel on disk; ReadError/IngestError (Dutch) when it is not one."""
    if not path.is_file():
        raise ReadError(f"Bestand niet gevonden: {path}")
    check_size(path.stat().st_size, max_bytes)
    raw = path.read_bytes()
    if file_kind(raw, path.name) != "csv":
        raise IngestError(
            "Een brontabel is een CSV-bestand (de link 'Brontabel als csv'); dit is een Excel-bestand. "
            "Sla het op als CSV."
        )
    return read_text(decode(raw), known)


def looks_like_brontabel(path: Path) -> bool:
    """A CSV whose every line has at most two cells: what `ingest` without options gets when the options were
    forgotten (a file in the data contract has fifteen columns)."""
    if path.suffix.lower() not in (".csv", ".txt") or not path.is_file() or path.stat().st_size > LOOKS_BYTES:
        return False
    try:
        rows, _ = split_lines(decode(path.read_bytes()))
    except IngestError:
        return False
    return 0 < len(rows) <= MAX_LINES and max(len(cells) for _, cells in rows) <= 2


def regions_for(regions: pd.DataFrame, raw_dir: Path = RAW_DIR) -> dict[str, Region]:
    return known_regions(read_raw("arbeidsmarktregio_codes.csv", raw_dir), regions)


# --- into own data (ingest) ----------------------------------------------------------------------------------------


def contract_frame(table: Brontabel, meta: Meta, filename: str) -> pd.DataFrame:
    """The rows in the data contract (strings, as a file in the contract is read), with the bron_* columns."""
    rows = [
        {
            "indicator": meta.indicator,
            "sector": meta.sector,
            "vak": "",
            "geo_level": e.region.geo_level,
            "region_code": e.region.code,
            "region_name": e.region.name,
            "categorie": "",
            "peildatum": meta.peildatum,
            "year": meta.peildatum[:4],
            "value": repr(e.value),
            "unit": UNIT,
            "kind": "meting",
            "reliability": RELIABILITY,
            "source_id": meta.source_id,
            "note": f"brontabel {filename}, regel {e.line.number}",
            "bron_titel": meta.bron_titel,
            "bron_uitgever": meta.bron_uitgever,
            "bron_jaar": meta.bron_jaar,
            "bron_url": meta.bron_url,
        }
        for e in table.entries
    ]
    return pd.DataFrame(rows, dtype=str)


def import_brontabel(
    table: Brontabel,
    meta: Meta,
    filename: str,
    known_sources: pd.DataFrame,
    regions: pd.DataFrame,
    eigen_dir: Path = EIGEN_DIR,
) -> list[dict]:
    """The measurement as a new generation of own data (a re-import of the same measurement replaces it)."""
    with store.writing(eigen_dir):
        own = read_own(eigen_dir)
        checked = check_frame(
            contract_frame(table, meta, filename), pd.concat([known_sources, own[1]], ignore_index=True), regions
        )
        merged, report = merge_own(own, checked)
        write_own(*merged, eigen_dir=eigen_dir, description=f"ingest brontabel {filename}")
    return report


# --- into data/raw (meting --naar-raw) -----------------------------------------------------------------------------


def raw_table_name(meta: Meta) -> str:
    return f"regional_shortage_{meta.sector}.csv"


def citation(meta: Meta) -> str:
    """The `source` column of the raw tables: "Uitgever (jaar), 'titel', url"."""
    return f"{meta.bron_uitgever} ({meta.bron_jaar}), '{meta.bron_titel}', {meta.bron_url}"


def raw_rows(table: Brontabel, meta: Meta, filename: str) -> pd.DataFrame:
    """The rows in the layout of data/raw/regional_shortage_<sector>.csv."""
    measure, personeel = INDICATORS[meta.indicator]
    rows = [
        {
            "peildatum": meta.peildatum,
            "sector": meta.sector,
            "personeel": personeel,
            "geo_level": RAW_LEVELS[e.region.geo_level],
            "region_name": e.region.name,
            "parent_region": e.region.parent,
            "measure": measure,
            "value": repr(e.value),
            "unit": UNIT,
            "reliability": RELIABILITY,
            "note": f"uit de brontabel {filename} (python -m dashboard meting --naar-raw)",
            "source_id": meta.source_id,
            "source": citation(meta),
        }
        for e in table.entries
    ]
    return pd.DataFrame(rows, dtype=str)


def source_row(meta: Meta) -> dict[str, str]:
    """The register row; its licence is not in a brontabel: 'onbekend' until the maintainer fills it in."""
    return {
        "source_id": meta.source_id,
        "title": meta.bron_titel,
        "publisher": meta.bron_uitgever,
        "year": meta.bron_jaar,
        "url": meta.bron_url,
        "kind": RAW_KIND,
        "licence": UNKNOWN,
    }


def other_measurement(existing: pd.DataFrame, meta: Meta) -> pd.DataFrame:
    """Rows per arbeidsmarktregio of another source for the same measurement: the map would have two."""
    measure, personeel = INDICATORS[meta.indicator]
    return existing[
        (existing["peildatum"].str.rstrip("?") == meta.peildatum)
        & (existing["measure"] == measure)
        & (existing["personeel"] == personeel)
        & (existing["sector"] == meta.sector)
        & existing["geo_level"].str.startswith("arbeidsmarktregio")
        & (existing["source_id"] != meta.source_id)
    ]


def line_end(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return "\r\n" if "\r\n" in fh.readline() else "\n"


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Old or new file, never half; the file's own line ends kept (so a diff shows only the new rows)."""
    ending = line_end(path)
    store.atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator=ending, encoding="utf-8"))


def write_raw(table: Brontabel, meta: Meta, filename: str, raw_dir: Path = RAW_DIR) -> dict[str, int]:
    """Rows into regional_shortage_<sector>.csv and the source into sources.csv; a second run for the same
    measurement replaces its rows. Refused when another source already has this measurement per arbeidsmarktregio.
    Returns {'rijen': added, 'vervangen': replaced}. Call under the write lock (the command line does)."""
    name = raw_table_name(meta)
    existing = read_raw(name, raw_dir)
    other = other_measurement(existing, meta)
    if len(other):
        raise IngestError(
            f"data/raw/{name} heeft al een meting {meta.indicator} {meta.sector} van {meta.peildatum} per "
            f"arbeidsmarktregio (bron {', '.join(sorted(set(other['source_id'])))}, {len(other)} rijen). Twee bronnen "
            "voor dezelfde kaart worden niet gemengd; haal die rijen eerst weg als deze brontabel ze vervangt."
        )
    ours = existing["source_id"] == meta.source_id
    new = raw_rows(table, meta, filename)
    sources = read_raw("sources.csv", raw_dir)
    sources = pd.concat(
        [sources[sources["source_id"] != meta.source_id], pd.DataFrame([source_row(meta)])], ignore_index=True
    )
    write_csv(sources, raw_dir / "sources.csv")  # first: a source without rows is harmless, rows without not
    write_csv(pd.concat([existing[~ours], new], ignore_index=True)[list(existing.columns)], raw_dir / name)
    return {"rijen": len(new), "vervangen": int(ours.sum())}
