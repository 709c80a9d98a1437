"""Files that are not what they claim, broken downloads and spreadsheet formulas are refused, with where."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from dashboard.data.intake.readers import ReadError, read_bytes

LIMIT = 1_000_000


def xlsx(rows: list[list[object]], sheet: str = "Blad1") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_values_are_read_as_text():
    frame = read_bytes(xlsx([["regio", "jaar", "waarde"], ["AM01", 2024, 4.5], [None, None, None]]), "a.xlsx", LIMIT)
    assert frame.to_dict("records") == [{"regio": "AM01", "jaar": "2024", "waarde": "4.5"}]


def test_xlsx_formula_is_refused_with_sheet_cell_and_column():
    raw = xlsx([["regio", "waarde"], ["AM01", "=1+1"]], sheet="cijfers")
    with pytest.raises(ReadError, match=r"Werkblad 'cijfers', cel B2 \(kolom 'waarde'\): de cel bevat een formule"):
        read_bytes(raw, "a.xlsx", LIMIT)


def test_truncated_xlsx_is_named_as_broken_download():
    raw = xlsx([["regio", "waarde"], ["AM01", 1]])
    with pytest.raises(ReadError, match="beschadigd of onvolledig"):
        read_bytes(raw[: len(raw) // 2], "a.xlsx", LIMIT)


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"regio;waarde\nAM01;1\n", "a.xlsx", "heet .xlsx maar is geen Excel-bestand: het is tekst"),
        (b"<!DOCTYPE html><html>404</html>", "a.xlsx", "het is een webpagina"),
        (b"<html><body>Service Unavailable</body></html>", "a.csv", "webpagina .* mislukte download"),
        (b"PK\x03\x04rest-of-zip", "a.csv", "heet .csv maar is een Excel- of zip-bestand"),
        (b"%PDF-1.7 ...", "a.csv", "is een PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a.xls", r"oud Excel-bestand \(.xls\)"),
        (b"regio;waarde\n", "a.json", "Onbekend bestandstype '.json'"),
        (b"", "a.csv", "leeg"),
    ],
)
def test_file_that_is_not_what_its_extension_says(raw, name, message):
    with pytest.raises(ReadError, match=message):
        read_bytes(raw, name, LIMIT)


def test_size_limit():
    with pytest.raises(ReadError, match=r"te groot \(1,5 MB\); het maximum is 1 MB"):
        read_bytes(b"a" * 1_500_000, "a.csv", LIMIT)


def test_windows_1252_csv_from_duo_is_read():
    frame = read_bytes("GEMEENTENAAM;N\nSúdwest-Fryslân;1\n".encode("cp1252"), "a.csv", LIMIT)
    assert frame.loc[0, "GEMEENTENAAM"] == "Súdwest-Fryslân"
