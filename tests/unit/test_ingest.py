"""Own uploads: hostile or malformed files are refused with a Dutch message; existing data stays intact."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import ingest
from dashboard.data.contract import SCHEMAS
from dashboard.data.ingest import IngestError, add_own, check_upload, read_own

KNOWN = {"CD_2023"}
HEADER = ";".join(SCHEMAS["indicators"].column_names)
ROW = "tekort_pct;po;;gemeente;GM0014;Groningen;;2024-10-01;2024;4,5;%;meting;secondary;CD_2023;eigen meting"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_dutch_notation_is_read_and_nonsense_is_named():
    indicators, _ = check_upload(csv_bytes(ROW, ROW.replace("4,5", "1.234,5")), KNOWN)
    assert list(indicators["value"]) == [4.5, 1234.5]
    with pytest.raises(IngestError, match=r"kolom 'value' moet een getal zijn; rij 2 \(bijv. 'veel'\)"):
        check_upload(csv_bytes(ROW, ROW.replace("4,5", "veel")), KNOWN)


def test_our_own_download_can_be_uploaded_again(tables):
    from dashboard.ui.widgets import safe_csv

    rows = tables["indicators"].head(20)
    indicators, _ = check_upload(safe_csv(rows), set(tables["sources"]["source_id"]))
    assert list(indicators["value"]) == list(rows["value"])


def test_valid_upload_is_accepted():
    indicators, sources = check_upload(csv_bytes(ROW.replace("4,5", "4.5")), KNOWN)
    assert indicators.loc[0, "value"] == 4.5 and indicators.loc[0, "region_code"] == "GM0014"
    assert sources.empty


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leeg"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (csv_bytes("a;b", header="foo;bar"), "ontbreken: indicator"),
        (csv_bytes(ROW.replace("eigen meting", '=HYPERLINK("http://x")').replace("4,5", "4.5")), "formule"),
        (csv_bytes(ROW.replace("eigen meting", "<script>alert(1)</script>").replace("4,5", "4.5")), "HTML"),
        (csv_bytes(ROW.replace("CD_2023", "ONBEKEND").replace("4,5", "4.5")), "onbekende bron"),
        (csv_bytes(ROW.replace(";po;", ";kinderopvang;").replace("4,5", "4.5")), "kolom 'sector'"),
    ],
)
def test_hostile_or_malformed_files_are_refused(content, message):
    with pytest.raises(IngestError, match=message):
        check_upload(content, KNOWN)


def test_negative_numbers_are_not_formulas():
    indicators, _ = check_upload(csv_bytes(ROW.replace("4,5", "-1.5")), KNOWN)
    assert indicators.loc[0, "value"] == -1.5


def test_huge_file_is_refused(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    with pytest.raises(IngestError, match="te groot"):
        check_upload(csv_bytes(ROW, ROW, ROW), KNOWN)


def test_new_source_from_bron_columns(tmp_path: Path):
    header = HEADER + ";bron_titel;bron_uitgever;bron_jaar;bron_url"
    row = ROW.replace("CD_2023", "MIJN_BESTUUR").replace("4,5", "4.5") + ";Tekortmeting 2024;Stichting X;2024;"
    assert add_own(csv_bytes(row, header=header), KNOWN, tmp_path) == 1
    indicators, sources = read_own(tmp_path)
    assert list(sources["source_id"]) == ["MIJN_BESTUUR"] and sources.loc[0, "publisher"] == "Stichting X"
    assert len(indicators) == 1


def test_failed_upload_leaves_existing_data_intact(tmp_path: Path):
    good = csv_bytes(ROW.replace("4,5", "4.5"))
    add_own(good, KNOWN, tmp_path)
    before = (tmp_path / "indicators.parquet").read_bytes()
    with pytest.raises(IngestError):
        add_own(csv_bytes(ROW.replace("4,5", "veel")), KNOWN, tmp_path)
    assert (tmp_path / "indicators.parquet").read_bytes() == before


def test_crash_during_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch):
    add_own(csv_bytes(ROW.replace("4,5", "4.5")), KNOWN, tmp_path)
    before = pd.read_parquet(tmp_path / "indicators.parquet")

    def broken(self, path, *args, **kwargs):
        Path(path).write_bytes(b"half")
        raise OSError("schijf vol")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    with pytest.raises(OSError):
        add_own(csv_bytes(ROW.replace("4,5", "5.5")), KNOWN, tmp_path)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "indicators.parquet"), before)
    assert not list(tmp_path.glob("*.tmp"))
