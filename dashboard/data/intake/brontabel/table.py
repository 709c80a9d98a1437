"""Reading a "Brontabel als csv" of OCW in cijfers (one line per region: name and value) by its shape.

The file is a user's download from a government site, so it is read by its shape, not by a fixed layout: the
separator (`;`, `,` or tab), a header or none, a BOM, quotes, Windows line ends, values as `3,50%`, `3,5` or `3.5`.
Every line must name a known region with a value from 0 to 100%; otherwise the whole file is refused, every wrong
line listed (Dutch, IngestError).

One reading, in four modules: brontabel_options (what the command says the file measures), brontabel_names
(region names to codes, never guessed), this one (file -> entries) and brontabel_rows (entries -> own data with
`ingest`, or data/raw/ with `meting --naar-raw`).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.intake.brontabel.names import Region, expected, name_key, nearest
from dashboard.data.intake.ingest import MAX_IMPORT_BYTES, IngestError
from dashboard.data.intake.readers import ReadError, check_size, file_kind

MAX_LINES = 200  # a brontabel has one line per region (40); more is another kind of file
DELIMITERS = ("\t", ";", ",")  # in this order: a `;` or tab file has commas in its values (3,90%)
VALUE = re.compile(r"([+-]?)(\d+)(?:[.,](\d+))?\s*%?")
NAME_SHOWN = 60  # characters of an unknown name repeated in a message
LOOKS_BYTES = 1_000_000  # a brontabel is about 1 kB; a larger file is not looked at as one


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
