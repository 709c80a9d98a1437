"""What an xlsx would cost to read, checked before it is read: a small file can unpack to a huge one.

openpyxl loads all shared strings into memory when it opens a workbook, and pads every row to the sheet's
declared width (<dimension ref="A1:XFD1048576"/> makes each row 16,384 cells). So the zip directory (sizes as
declared, nothing decompressed) and the declared dimension are checked first, and the rows are counted while
they are read, in case the dimension is missing or lies. Limits grow with the file limit of the caller: the
browser upload (5 MB) gets tight ones, the command line more. Every refusal is a Dutch `ReadError` that names
the part of the file and the limit.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from dashboard.data.model.errors import ReadError

MAX_UNPACKED = 400_000_000  # whatever the file limit: more unpacked XML than this is not a table we can use
EXCEL_MAX_CELL_CHARS = 32_767  # Excel's own maximum per cell; longer text was not written by Excel
SHARED_STRINGS = "xl/sharedStrings.xml"


@dataclass(frozen=True)
class XlsxLimits:
    unpacked: int  # bytes of all members together, as the zip directory declares them
    shared_strings: int  # bytes of xl/sharedStrings.xml (held in memory whole by openpyxl)
    cells: int  # rows x columns of the sheet, declared or counted
    columns: int
    cell_chars: int


def limits_for(max_bytes: int) -> XlsxLimits:
    """Limits for a file of at most `max_bytes`. Real xlsx XML packs 5 to 10 times, so 20 times is generous;
    a cell costs at least about 2 packed bytes. At most 20 million cells (~1,5 GB as Python text) anywhere."""
    return XlsxLimits(
        unpacked=min(20 * max_bytes, MAX_UNPACKED),
        shared_strings=min(4 * max_bytes, MAX_UNPACKED // 4),
        cells=min(max(max_bytes // 2, 100_000), 20_000_000),
        columns=1_000,
        cell_chars=EXCEL_MAX_CELL_CHARS,
    )


def megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 10e6 else f"{size / 1e6:.1f} MB".replace(".", ",")


def number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def check_members(archive: zipfile.ZipFile, limits: XlsxLimits) -> None:
    """Declared (unpacked) sizes from the zip directory: nothing is decompressed. A directory that understates a
    size does not help an attacker: Python's zipfile stops each part at its declared size (and then fails the CRC)."""
    infos = archive.infolist()
    for info in infos:
        if info.filename == SHARED_STRINGS and info.file_size > limits.shared_strings:
            raise ReadError(
                f"Het Excel-bestand is geweigerd: onderdeel {info.filename} (de teksten van alle cellen) pakt uit "
                f"tot {megabytes(info.file_size)}; het maximum is {megabytes(limits.shared_strings)}."
            )
        if info.file_size > limits.unpacked:
            raise ReadError(
                f"Het Excel-bestand is geweigerd: onderdeel {info.filename} pakt uit tot "
                f"{megabytes(info.file_size)}; het maximum is {megabytes(limits.unpacked)}."
            )
    total = sum(info.file_size for info in infos)
    if total > limits.unpacked:
        raise ReadError(
            f"Het Excel-bestand is geweigerd: het pakt uit tot {megabytes(total)}; het maximum is "
            f"{megabytes(limits.unpacked)}."
        )


def check_shape(sheet_name: str, rows: int, columns: int, limits: XlsxLimits, declared: bool) -> None:
    """The sheet's size, as declared in its dimension or as counted so far while reading."""
    how = "volgens het bestand zelf " if declared else ""
    if columns > limits.columns:
        raise ReadError(
            f"Werkblad '{sheet_name}' is {how}{number(columns)} kolommen breed; het maximum is "
            f"{number(limits.columns)}. Verwijder lege of overbodige kolommen en sla opnieuw op."
        )
    if rows * columns > limits.cells:
        raise ReadError(
            f"Werkblad '{sheet_name}' heeft {how}{number(rows)} rijen × {number(columns)} kolommen = "
            f"{number(rows * columns)} cellen; het maximum is {number(limits.cells)}. Verwijder lege of "
            "overbodige rijen en kolommen (of sla het blad op als CSV) en probeer opnieuw."
        )


def check_cell(sheet_name: str, coordinate: str, text: str, limits: XlsxLimits) -> None:
    if len(text) > limits.cell_chars:
        raise ReadError(
            f"Werkblad '{sheet_name}', cel {coordinate}: de cel bevat {number(len(text))} tekens; het maximum is "
            f"{number(limits.cell_chars)}."
        )
