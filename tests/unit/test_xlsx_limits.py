"""Hostile xlsx files (small on disk, huge to read) are refused quickly and with bounded memory, naming the
part and the limit; a normal file is still read. Files are generated here."""

from __future__ import annotations

import io
import re
import threading
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from dashboard.data.intake.parse_slot import BUSY_MESSAGE, ParseBusy, parse_slot
from dashboard.data.intake.readers import ReadError, read_bytes
from dashboard.data.intake.xlsx_limits import limits_for

UPLOAD = 5_000_000  # the browser's file limit (ingest.MAX_UPLOAD_BYTES)
SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(raw: bytes, replace: dict[str, bytes]) -> bytes:
    """The same workbook with some members replaced or added (deflated, as Excel does)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, replace.pop(name, None) or src.read(name))
        for name, data in replace.items():
            dst.writestr(name, data)
    return out.getvalue()


def with_shared_strings(raw: bytes, sst: bytes) -> bytes:
    """The workbook with a shared-strings part that openpyxl really loads (content type and relationship)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        types, rels = archive.read("[Content_Types].xml"), archive.read("xl/_rels/workbook.xml.rels")
    kind = "spreadsheetml.sharedStrings+xml"
    types = types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b"vnd.openxmlformats-officedocument." + kind.encode() + b'"/></Types>',
    )
    rels = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    return rezip(raw, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels, "xl/sharedStrings.xml": sst})


def wide_rows(count: int) -> str:
    """`count` rows of one short cell each: cheap as XML, 16,384 cells each once padded to a declared XFD."""
    return "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(4, count + 4))


def sheet_xml(raw: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return archive.read(SHEET).decode()


def refused_cheaply(raw: bytes, name: str = "kwaad.xlsx") -> str:
    """The Dutch message; asserts the refusal took < 2 s and < 100 MB of Python memory at its peak."""
    assert len(raw) < UPLOAD
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(ReadError) as refused:
            read_bytes(raw, name, UPLOAD)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds < 2, f"refusal took {seconds:.1f} s"
    assert peak < 100e6, f"refusal peaked at {peak / 1e6:.0f} MB"
    return str(refused.value)


GOOD = [["regio", "jaar", "waarde"], ["AM01", 2024, 4.5], ["AM02", 2024, 3.0]]


def test_shared_strings_bomb_is_refused_from_the_zip_directory():
    bomb = b"<sst>" + b"<si><t>xxxxxxxxxxxxxxxxxxxx</t></si>" * 1_500_000 + b"</sst>"  # 54 MB unpacked, ~0,1 MB packed
    message = refused_cheaply(with_shared_strings(workbook(GOOD), bomb))  # openpyxl would hold 1,5 M strings
    assert "onderdeel xl/sharedStrings.xml" in message and "54 MB; het maximum is 20 MB" in message


def test_member_that_unpacks_beyond_the_limit_is_named():
    padding = b"<!--" + b" " * 110_000_000 + b"-->"  # a comment: 110 MB of nothing, packs to ~110 KB
    sheet = sheet_xml(workbook(GOOD)).encode()
    message = refused_cheaply(rezip(workbook(GOOD), {SHEET: sheet.replace(b"<sheetData>", padding + b"<sheetData>")}))
    assert f"onderdeel {SHEET} pakt uit tot 110 MB; het maximum is 100 MB" in message


def test_huge_declared_dimension_is_refused_before_any_row_is_read():
    sheet = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', sheet_xml(workbook(GOOD)))
    sheet = sheet.replace("</sheetData>", wide_rows(20_000) + "</sheetData>")  # padded: 20.000 x 16.384 cells
    message = refused_cheaply(rezip(workbook(GOOD), {SHEET: sheet.encode()}))
    assert "Werkblad 'Sheet' is volgens het bestand zelf 16.384 kolommen breed; het maximum is 1.000" in message


def test_many_rows_declared_are_refused_with_the_cell_count():
    sheet = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:Z1048576"', sheet_xml(workbook(GOOD)))
    message = refused_cheaply(rezip(workbook(GOOD), {SHEET: sheet.encode()}))
    assert "1.048.576 rijen × 26 kolommen = 27.262.976 cellen; het maximum is 2.500.000" in message


def test_sheet_without_dimension_is_counted_while_read():
    far = '<row r="4"><c r="XFD4" t="inlineStr"><is><t>x</t></is></c></row>'  # one cell, a row 16,384 wide
    sheet = re.sub(r"<dimension [^>]*/>", "", sheet_xml(workbook(GOOD))).replace("</sheetData>", far + "</sheetData>")
    message = refused_cheaply(rezip(workbook(GOOD), {SHEET: sheet.encode()}))
    assert "Werkblad 'Sheet' is 16.384 kolommen breed" in message and "volgens het bestand" not in message


def test_very_long_cell_is_refused_with_its_place():
    sheet = sheet_xml(workbook([["regio", "toelichting"], ["AM01", "kort"]]))  # openpyxl cuts what it writes
    message = refused_cheaply(rezip(workbook(GOOD), {SHEET: sheet.replace("kort", "x" * 1_000_000).encode()}))
    assert "Werkblad 'Sheet', cel B2: de cel bevat 1.000.000 tekens; het maximum is 32.767" in message


def test_normal_file_is_still_read_within_the_limits():
    rows = [["regio", "jaar", "waarde", "toelichting"]] + [[f"AM{i:02d}", 2024, i / 2, "t" * 200] for i in range(5000)]
    frame = read_bytes(workbook(rows), "goed.xlsx", UPLOAD)
    assert frame.shape == (5000, 4) and frame.iloc[3].tolist() == ["AM03", "2024", "1.5", "t" * 200]


def test_limits_grow_with_the_callers_file_limit():
    browser, cli = limits_for(UPLOAD), limits_for(200_000_000)
    assert (browser.unpacked, browser.shared_strings, browser.cells) == (100_000_000, 20_000_000, 2_500_000)
    assert cli.unpacked == 400_000_000 and cli.cells == 20_000_000


def test_one_parse_at_a_time_others_wait_inside_the_waiting_context():
    order: list[str] = []
    first_in, release = threading.Event(), threading.Event()

    def first() -> None:
        with parse_slot():
            order.append("first")
            first_in.set()
            release.wait(5)

    class Waiting:  # what the page passes: st.spinner(BUSY_MESSAGE)
        def __enter__(self) -> None:
            order.append("waiting")
            release.set()

        def __exit__(self, *exc: object) -> None:
            order.append("done waiting")

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with parse_slot(waiting=Waiting):
        order.append("second")
    worker.join(5)
    assert order == ["first", "waiting", "done waiting", "second"]
    assert BUSY_MESSAGE == "Een ander bestand wordt verwerkt; even wachten…"


def test_a_slot_that_stays_taken_gives_a_dutch_refusal():
    holder = threading.Event()
    done = threading.Event()

    def hold() -> None:
        with parse_slot():
            holder.set()
            done.wait(5)

    worker = threading.Thread(target=hold)
    worker.start()
    holder.wait(5)
    with pytest.raises(ParseBusy, match="probeer het over een minuut opnieuw"), parse_slot(timeout=0.1):
        pass
    done.set()
    worker.join(5)


def test_command_line_refuses_a_bomb_with_the_same_message(tmp_path, capsys):
    from dashboard.__main__ import main

    sheet = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', sheet_xml(workbook(GOOD)))
    path = tmp_path / "kwaad.xlsx"
    path.write_bytes(rezip(workbook(GOOD), {SHEET: sheet.encode()}))
    assert main(["ingest", str(path)]) == 1
    assert "16.384 kolommen breed; het maximum is 1.000" in capsys.readouterr().err
