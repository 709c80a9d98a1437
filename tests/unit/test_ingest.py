"""Own figures: hostile or malformed files are refused with a Dutch message; existing data stays intact."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.intake.ingest import (
    IngestError,
    check_upload,
    import_files,
    read_own,
    restore_previous,
)
from dashboard.data.model.contract import SCHEMAS
from dashboard.data.model.paths import DATA_DIR
from dashboard.data.store.generations import own_file

HEADER = ";".join(SCHEMAS["indicators"].column_names)
ROW = "tekort_pct;po;;gemeente;GM0014;Groningen;;2024-10-01;2024;4,5;%;meting;secondary;CD_2023;eigen meting"
EXAMPLE = DATA_DIR / "voorbeeld" / "eigen_cijfers.csv"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def check(raw: bytes, tables, filename: str = "mijn.csv"):
    return check_upload(raw, filename, tables["sources"], tables["regions"])


def test_dutch_notation_is_read_and_nonsense_is_named(tables):
    indicators, _ = check(csv_bytes(ROW, ROW.replace("4,5", "1.234,5").replace("GM0014", "GM0034")), tables)
    assert list(indicators["value"]) == [4.5, 1234.5]
    with pytest.raises(IngestError, match=r"kolom 'value' moet een getal zijn; rij 2 \(bijv. 'veel'\)"):
        check(csv_bytes(ROW, ROW.replace("4,5", "veel")), tables)


def test_own_rows_are_marked_with_their_own_source(tables):
    indicators, sources = check(csv_bytes(ROW), tables)
    assert list(indicators["source_id"]) == ["EIGEN-CD_2023"]
    assert sources.loc[0, "source_id"] == "EIGEN-CD_2023" and sources.loc[0, "kind"] == "eigen data"
    assert sources.loc[0, "title"].endswith("(eigen overname)")


def test_our_own_download_can_be_uploaded_again(tables):
    from dashboard.tables import safe_csv

    rows = tables["indicators"].head(20)
    indicators, _ = check(safe_csv(rows), tables)
    assert list(indicators["value"]) == list(rows["value"])


def test_shipped_example_file_is_accepted(tables):
    indicators, sources = check(EXAMPLE.read_bytes(), tables, EXAMPLE.name)
    assert len(indicators) == 3 and list(sources["source_id"]) == ["EIGEN-VOORBEELD_OCW_PO_2023"]
    published = tables["indicators"].set_index(["indicator", "sector", "geo_level", "region_code", "peildatum"])
    for row in indicators.itertuples():  # the example carries real published figures, not invented ones
        key = (row.indicator, row.sector, row.geo_level, row.region_code, row.peildatum)
        assert row.value in set(published.loc[[key], "value"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leeg"),
        (b"\xff\xfe\x00garbage", "binaire"),
        (HEADER.encode() + b"\n", "geen rijen"),
        (csv_bytes("a;b", header="foo;bar"), "ontbreken: indicator"),
        (csv_bytes(ROW.replace("eigen meting", '=HYPERLINK("http://x")')), r"Kolom 'note', rij 1: .*formule"),
        (csv_bytes(ROW.replace("eigen meting", "<script>alert(1)</script>")), r"Kolom 'note', rij 1: .*HTML"),
        (csv_bytes(ROW.replace("Groningen", "<img src=x onerror=alert(1)>")), "HTML"),
        (csv_bytes(ROW.replace("CD_2023", "ONBEKEND")), "onbekende bron"),
        (csv_bytes(ROW.replace(";po;", ";kinderopvang;")), "kolom 'sector'"),
        (csv_bytes(ROW.replace(";2024;", ";twintig;")), "kolom 'year' moet een getal zijn"),
        (csv_bytes(ROW, ROW.replace("GM0014", "GM9999")), r"Kolom 'region_code', rij 2: onbekende regiocode 'GM9999'"),
        (csv_bytes(ROW.replace("GM0014", "AM01")), "onbekende regiocode 'AM01' op niveau gemeente"),
        (csv_bytes(ROW, ROW.replace("GM0014", "GM0034"), ROW), r"Rij 1, 3: hetzelfde cijfer staat er meer dan eens"),
    ],
)
def test_hostile_or_malformed_files_are_refused(content, message, tables):
    with pytest.raises(IngestError, match=message):
        check(content, tables)


def test_negative_numbers_are_not_formulas(tables):
    indicators, _ = check(csv_bytes(ROW.replace("4,5", "-1,5")), tables)
    assert indicators.loc[0, "value"] == -1.5


def test_huge_upload_is_refused_before_parsing(tables):
    with pytest.raises(IngestError, match=r"te groot \(6,0 MB\); het maximum is 5 MB"):
        check(b"x" * 6_000_000, tables)


def test_new_source_from_bron_columns(tables):
    header = HEADER + ";bron_titel;bron_uitgever;bron_jaar;bron_url"
    row = ROW.replace("CD_2023", "MIJN_BESTUUR") + ";Tekortmeting 2024;Stichting X;2024;"
    indicators, sources = check(csv_bytes(row, header=header), tables)
    assert list(sources["source_id"]) == ["EIGEN-MIJN_BESTUUR"] and sources.loc[0, "publisher"] == "Stichting X"
    assert list(indicators["source_id"]) == ["EIGEN-MIJN_BESTUUR"]


def _write(tmp_path: Path, name: str, raw: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def test_import_reports_added_then_replaced_and_keeps_previous(tmp_path: Path, tables):
    eigen = tmp_path / "eigen"
    first = import_files([EXAMPLE], tables["sources"], tables["regions"], eigen)
    assert first[0].report[0]["rijen"] == 3 and first[0].report[0]["vervangen"] == 0
    smaller = _write(tmp_path, "nieuw.csv", b"\n".join(EXAMPLE.read_bytes().splitlines()[:2]) + b"\n")
    second = import_files([smaller], tables["sources"], tables["regions"], eigen)
    assert second[0].report[0] == {
        "source_id": "EIGEN-VOORBEELD_OCW_PO_2023",
        "title": second[0].report[0]["title"],
        "rijen": 1,
        "vervangen": 3,
    }
    assert len(read_own(eigen)[0]) == 1
    assert restore_previous(eigen)
    assert len(read_own(eigen)[0]) == 3


def test_one_bad_file_imports_nothing_and_leaves_data_intact(tmp_path: Path, tables):
    eigen = tmp_path / "eigen"
    import_files([EXAMPLE], tables["sources"], tables["regions"], eigen)
    before = own_file("indicators", eigen).read_bytes()
    good = _write(tmp_path, "goed.csv", csv_bytes(ROW))
    bad = _write(tmp_path, "fout.csv", csv_bytes(ROW.replace("4,5", "veel")))
    with pytest.raises(IngestError, match=r"^fout.csv: .*kolom 'value'"):
        import_files([good, bad], tables["sources"], tables["regions"], eigen)
    assert own_file("indicators", eigen).read_bytes() == before


def test_crash_during_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch, tables):
    import_files([EXAMPLE], tables["sources"], tables["regions"], tmp_path)
    before = pd.read_parquet(own_file("indicators", tmp_path))

    def broken(self, path, *args, **kwargs):
        Path(path).write_bytes(b"half")
        raise OSError("schijf vol")

    other = _write(tmp_path, "ander.csv", csv_bytes(ROW))
    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    with pytest.raises(OSError):
        import_files([other], tables["sources"], tables["regions"], tmp_path)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(pd.read_parquet(own_file("indicators", tmp_path)), before)
    assert not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.rglob(".*.tmp"))
    assert not list(tmp_path.rglob(".nieuw-*"))  # the unfinished generation is gone too


def test_import_size_limit_is_checked_on_disk(tmp_path: Path, tables):
    huge = tmp_path / "groot.csv"
    with open(huge, "wb") as fh:  # sparse: 300 MB on paper, nothing written, never read
        fh.truncate(300_000_000)
    with pytest.raises(IngestError, match=r"groot.csv: Het bestand is te groot \(300,0 MB\)"):
        import_files([huge], tables["sources"], tables["regions"], tmp_path)
    assert not own_file("indicators", tmp_path).exists() and not (tmp_path / "generaties").exists()
