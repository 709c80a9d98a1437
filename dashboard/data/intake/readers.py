"""Reading a user's table file (CSV or Excel) into a frame of strings, refusing what is not what it claims.

Every refusal is a `ReadError` with a Dutch message that says what is wrong and where (sheet, cell, row).
Checks happen before any parsing that could be expensive: size on disk, the first bytes against the extension,
what an xlsx would cost to unpack and read (dashboard/data/intake/xlsx_limits.py: zip directory, declared dimension,
cells counted while reading, cell length), formulas in an xlsx (we read values, never evaluate).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from dashboard.data.intake.xlsx_limits import XlsxLimits, check_cell, check_members, check_shape, limits_for
from dashboard.data.model.errors import ReadError

THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary .xls
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")
TEXT_EXTENSIONS = (".csv", ".txt")


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        megabytes = f"{size / 1e6:.1f}".replace(".", ",")
        raise ReadError(f"Het bestand is te groot ({megabytes} MB); het maximum is {max_bytes / 1e6:.0f} MB.")
    if size == 0:
        raise ReadError("Het bestand is leeg.")


def read_path(path: Path, max_bytes: int, sheet_hint: tuple[str, ...] = ()) -> pd.DataFrame:
    """A file on disk: size is checked from the file system first, so a huge file is never read."""
    if not path.is_file():
        raise ReadError(f"Bestand niet gevonden: {path}")
    check_size(path.stat().st_size, max_bytes)
    return read_bytes(path.read_bytes(), path.name, max_bytes, sheet_hint)


def read_bytes(raw: bytes, filename: str, max_bytes: int, sheet_hint: tuple[str, ...] = ()) -> pd.DataFrame:
    """CSV or xlsx bytes -> frame of strings (empty cells ""). The extension must match the content."""
    check_size(len(raw), max_bytes)
    kind = file_kind(raw, filename)
    return read_xlsx(raw, sheet_hint, limits_for(max_bytes)) if kind == "xlsx" else read_csv(raw)


def file_kind(raw: bytes, filename: str) -> str:
    """'csv' or 'xlsx', from the extension, after checking that the first bytes agree with it."""
    suffix = Path(filename).suffix.lower()
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if raw.startswith(OLE_MAGIC):
        raise ReadError("Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of als CSV (UTF-8).")
    if suffix in EXCEL_EXTENSIONS:
        if not raw.startswith(ZIP_MAGIC):
            what = "een webpagina (HTML)" if head.startswith((b"<!doctype", b"<html")) else "tekst"
            raise ReadError(f"Het bestand heet {suffix} maar is geen Excel-bestand: het is {what}.")
        return "xlsx"
    if suffix in TEXT_EXTENSIONS:
        if raw.startswith(ZIP_MAGIC):
            raise ReadError(f"Het bestand heet {suffix} maar is een Excel- of zip-bestand. Geef het de extensie .xlsx.")
        if raw.startswith(b"%PDF"):
            raise ReadError(f"Het bestand heet {suffix} maar is een PDF. Alleen CSV en Excel (.xlsx) worden gelezen.")
        if head.startswith((b"<!doctype", b"<html", b"<?xml")):
            raise ReadError(
                f"Het bestand heet {suffix} maar is een webpagina (HTML/XML), waarschijnlijk een mislukte download."
            )
        return "csv"
    raise ReadError(f"Onbekend bestandstype '{suffix or 'zonder extensie'}'. Gebruik CSV (.csv) of Excel (.xlsx).")


def read_csv(raw: bytes) -> pd.DataFrame:
    """CSV bytes -> frame of strings. A `;` file is read as a Dutch export: 1.234,5 -> 1234.5 in numeric cells."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")  # DUO publishes its CSV files in Windows-1252
        except UnicodeDecodeError as err:
            raise ReadError(
                f"Het bestand is geen leesbare tekst (fout bij byte {err.start}). Sla het op als CSV UTF-8."
            ) from err
    if "\x00" in text:
        raise ReadError("Het bestand bevat binaire gegevens; alleen CSV-tekst is toegestaan.")
    if not text.strip():
        raise ReadError("Het bestand is leeg.")
    first = text.lstrip().splitlines()[0]
    try:
        delimiter = csv.Sniffer().sniff(first, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as err:
        raise ReadError(f"Het bestand is geen geldige CSV: {err}") from err
    frame.columns = [str(c).strip() for c in frame.columns]
    if delimiter == ";":
        frame = frame.apply(lambda column: column.map(dutch_number))
    return frame


def dutch_number(text: str) -> str:
    if THOUSANDS.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    if DECIMAL_COMMA.fullmatch(text):
        return text.replace(",", ".")
    return text


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    return str(value).strip()


def choose_sheet(names: list[str], hints: tuple[str, ...]) -> str:
    """The first sheet whose name contains every hint word (DUO: 'instelling' + 'functie'); else the first."""
    for name in names:
        if hints and all(h in name.lower() for h in hints):
            return name
    return names[0]


def read_xlsx(raw: bytes, sheet_hint: tuple[str, ...] = (), limits: XlsxLimits | None = None) -> pd.DataFrame:
    """The values of one sheet (header in the first non-empty row). Formula cells are refused; what would cost
    more than `limits` (default: those of a file of this size) is refused before or while it is read."""
    from openpyxl import load_workbook  # imported here: only the import path needs it

    limits = limits or limits_for(len(raw))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            check_members(archive, limits)  # before testzip and openpyxl, which unpack (and hold) the parts
            broken = archive.testzip()
        if broken:
            raise ReadError(f"Het Excel-bestand is beschadigd (onderdeel {broken}); download het opnieuw.")
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except ReadError:
        raise
    except Exception as err:  # noqa: BLE001 (a truncated zip fails in many ways; one message for all)
        raise ReadError(
            "Het Excel-bestand is beschadigd of onvolledig (afgebroken download?). Download of exporteer het opnieuw."
        ) from err
    try:
        sheet_name = choose_sheet(book.sheetnames, sheet_hint)
        sheet = book[sheet_name]
        if sheet.max_row and sheet.max_column:  # the declared dimension: openpyxl pads every row to it
            check_shape(sheet_name, sheet.max_row, sheet.max_column, limits, declared=True)
        header, rows = _sheet_rows(sheet, sheet_name, limits)
    finally:
        book.close()
    if header is None:
        raise ReadError(f"Werkblad '{sheet_name}' is leeg.")
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    frame = pd.DataFrame([(r + [""] * width)[:width] for r in rows], columns=header[:width], dtype=str)
    frame.attrs["sheet"] = sheet_name
    return frame


def _sheet_rows(sheet, sheet_name: str, limits: XlsxLimits) -> tuple[list[str] | None, list[list[str]]]:
    """(header, non-empty rows) as text. Cells are counted as they come, for a dimension that is missing or
    lies; a formula or an over-long cell stops the read at that cell."""
    rows: list[list[str]] = []
    header: list[str] | None = None
    seen = widest = 0
    for row_number, cells in enumerate(sheet.iter_rows(), start=1):
        seen, widest = seen + len(cells), max(widest, len(cells))
        if widest > limits.columns or seen > limits.cells:
            check_shape(sheet_name, row_number, widest, limits, declared=False)
        values = []
        for cell in cells:
            if cell.data_type == "f":
                column = header[cell.column - 1] if header and cell.column - 1 < len(header) else cell.column_letter
                raise ReadError(
                    f"Werkblad '{sheet_name}', cel {cell.coordinate} (kolom '{column}'): de cel bevat een formule. "
                    "Formules worden niet uitgevoerd; plak de waarden (Plakken speciaal > Waarden) en probeer "
                    "opnieuw."
                )
            text = _cell_text(cell.value)
            if len(text) > limits.cell_chars:
                check_cell(sheet_name, cell.coordinate, text, limits)
            values.append(text)
        if header is None:
            if any(values):
                header = values
            continue
        if any(values):
            rows.append(values)
    return header, rows
