"""DUO 'Onderwijspersoneel' files in the real layout -> werkgelegenheid per gemeente and arbeidsmarktregio."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

import dashboard.__main__ as cli
from dashboard import metrics
from dashboard.data.intake.duo import werkgelegenheid_rows
from dashboard.data.intake.ingest import IngestError, read_own
from dashboard.data.intake.readers import read_bytes

HEADER = ["ONDERWIJSTYPE", "BEVOEGD GEZAG", "INSTELLINGSCODE", "FUNCTIEGROEP", "FTE'S 2023", "FTE'S 2024"]
ROWS = [
    ["BAO", "41234", "01AB", "Onderwijsgevend personeel", "10,5", "11"],
    ["BAO", "41234", "01AB", "Directie", "2", "2"],  # not a teacher: not counted
    ["BAO", "41234", "BOVENSCHOOLS", "Onderwijsgevend personeel", "3", "3"],  # board level: reported
    ["VO", "50000", "02CD", "Onderwijsgevend personeel", "40", "*"],  # suppressed: not 0
    ["SBAO", "41234", "03EF", "Onderwijsgevend personeel", "5", "6"],
    ["BAO", "99999", "09ZZ", "Onderwijsgevend personeel", "7", "7"],  # no address: reported
]
ADRESSEN = (
    "PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;GEMEENTENUMMER;GEMEENTENAAM\n"
    "Groningen;41234;01AB;01AB00;De Wâlden;0014;Groningen\n"
    "Flevoland;41234;01AB;01AB01;De Wâlden dependance;0034;Almere\n"
    "Noord-Holland;50000;02CD;02CD00;Lyceum;0363;Amsterdam\n"
    "Noord-Holland;41234;03EF;03EF00;SBO;363;Amsterdam\n"
)


def personnel_xlsx(header=HEADER, rows=ROWS) -> bytes:
    book = Workbook()
    book.active.title = "toelichting"
    book.active.append(["Bron: DUO"])
    sheet = book.create_sheet("owtype-best-instelling-functie")
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parsed(raw: bytes, name: str = "personeel.xlsx") -> pd.DataFrame:
    return read_bytes(raw, name, 10_000_000, sheet_hint=("instelling",))


def test_fte_per_gemeente_and_arbeidsmarktregio(tables):
    adressen = read_bytes(ADRESSEN.encode("cp1252"), "vestigingen.csv", 10_000_000)
    rows, summary = werkgelegenheid_rows(parsed(personnel_xlsx()), adressen, tables["regions"], "EIGEN-DUO-T")
    po23 = rows[(rows["sector"] == "po") & (rows["year"] == 2023)].set_index(["geo_level", "region_code"])["value"]
    assert po23[("gemeente", "GM0014")] == 5.25 and po23[("gemeente", "GM0034")] == 5.25  # split over vestigingen
    assert po23[("gemeente", "GM0363")] == 5.0  # sbo counts as po; gemeentenummer '363' padded
    assert po23[("arbeidsmarktregio", "AM01")] == 5.25 and po23[("arbeidsmarktregio", "AM18")] == 5.0
    vo = rows[rows["sector"] == "vo"]
    assert list(vo["year"].unique()) == [2023]  # the suppressed 2024 cell is left out, not read as 0
    assert summary.suppressed_cells == 1
    assert summary.not_placed["bovenschools (bestuursniveau)"] == 6.0  # 3 + 3
    assert summary.not_placed["instelling niet in adressenbestand"] == 14.0
    assert summary.measure == "fte" and set(rows["indicator"]) == {"werkgelegenheid_fte"}
    assert set(rows["reliability"]) == {"derived"} and set(rows["peildatum"]) == {"2023-10-01", "2024-10-01"}


def test_werkgelegenheid_weights_the_onderwijsregio_shortage(tables):
    adressen = read_bytes(ADRESSEN.encode("cp1252"), "vestigingen.csv", 10_000_000)
    rows, _ = werkgelegenheid_rows(parsed(personnel_xlsx()), adressen, tables["regions"], "EIGEN-DUO-T")
    regional = pd.DataFrame(
        {"region_code": ["AM01", "GM0363"], "value": [4.0, 10.0], "peildatum": "2023-10-01", "source_id": "S"}
    )
    definition = pd.DataFrame(
        {"onderwijsregio": "Noord", "sector": "po", "gemeentecode": ["GM0014", "GM0363"], "reliability": ""}
    )
    werk = metrics.werkgelegenheid_gemeente(rows, "po", 2023)
    weighted = metrics.onderwijsregio_shortage(definition, regional, tables["regions"], werk, "po").iloc[0]
    # (4% x 5,25 fte + 10% x 5 fte) / 10,25 fte; the plain mean would be 7%
    assert weighted["value"] == pytest.approx(71 / 10.25) and weighted["tekort_fte"] == pytest.approx(0.71)
    assert weighted["weging"] == "werkgelegenheid 2023"
    empty = werk.iloc[0:0]
    plain = metrics.onderwijsregio_shortage(definition, regional, tables["regions"], empty, "po").iloc[0]
    assert plain["value"] == pytest.approx(7.0) and plain["weging"] == "ongewogen" and pd.isna(plain["tekort_fte"])


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["ONDERWIJSTYPE", "BEVOEGD GEZAG", "SCHOOL", "FTE'S 2023"], "Kolom INSTELLINGSCODE .* ontbreekt"),
        (["ONDERWIJSTYPE", "BEVOEGD GEZAG", "INSTELLINGSCODE", "LEEFTIJD"], "Geen jaarkolommen"),
    ],
)
def test_wrong_layout_is_named(header, message, tables):
    adressen = read_bytes(ADRESSEN.encode("cp1252"), "vestigingen.csv", 10_000_000)
    with pytest.raises(IngestError, match=message):
        werkgelegenheid_rows(parsed(personnel_xlsx(header, [])), adressen, tables["regions"], "X")


def test_unknown_onderwijstype_names_row(tables):
    adressen = read_bytes(ADRESSEN.encode("cp1252"), "vestigingen.csv", 10_000_000)
    bad = [*ROWS[:2], ["KINDEROPVANG", "1", "01AB", "Onderwijsgevend personeel", "1", "1"]]
    with pytest.raises(IngestError, match="rij 2: onbekend onderwijstype 'KINDEROPVANG'"):
        werkgelegenheid_rows(parsed(personnel_xlsx(rows=bad)), adressen, tables["regions"], "X")


def test_command_line_ingest_duo_stores_and_reports(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "EIGEN_DIR", tmp_path / "eigen")
    personeel = tmp_path / "01.-onderwijspersoneel-po-in-fte-2011-2025.xlsx"
    personeel.write_bytes(personnel_xlsx())
    adressen = tmp_path / "vestigingen.csv"
    adressen.write_bytes(ADRESSEN.encode("cp1252"))
    assert cli.main(["ingest-duo", str(personeel), "--adressen", str(adressen)]) == 0
    out = capsys.readouterr().out
    assert "2023: 55,5 fte toegewezen aan gemeenten" in out  # 10,5 + 5 + 40
    assert "niet toe te wijzen (bovenschools (bestuursniveau)): 6,0 fte" in out
    assert "1 cellen afgeschermd door DUO" in out
    indicators, sources = read_own(tmp_path / "eigen")
    assert set(indicators["source_id"]) == {"EIGEN-DUO-01-ONDERWIJSPERSONEEL-PO-IN-FTE-2011-2025"}
    assert sources.loc[0, "kind"] == "eigen data"


def test_command_line_refuses_a_broken_duo_file(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "EIGEN_DIR", tmp_path / "eigen")
    personeel = tmp_path / "personeel.xlsx"
    raw = personnel_xlsx()
    personeel.write_bytes(raw[: len(raw) - 200])  # truncated download
    adressen = tmp_path / "vestigingen.csv"
    adressen.write_bytes(ADRESSEN.encode("cp1252"))
    assert cli.main(["ingest-duo", str(personeel), "--adressen", str(adressen)]) == 1
    err = capsys.readouterr().err
    assert "beschadigd of onvolledig" in err and "Er is niets gewijzigd." in err
    assert not (tmp_path / "eigen").exists()


def test_personnel_file_as_semicolon_csv_gives_the_same_rows(tables):
    adressen = read_bytes(ADRESSEN.encode("cp1252"), "vestigingen.csv", 10_000_000)
    text = "\n".join(";".join(row) for row in [HEADER, *ROWS]) + "\n"
    from_csv, _ = werkgelegenheid_rows(parsed(text.encode("cp1252"), "personeel.csv"), adressen, tables["regions"], "X")
    from_xlsx, _ = werkgelegenheid_rows(parsed(personnel_xlsx()), adressen, tables["regions"], "X")
    pd.testing.assert_frame_equal(from_csv, from_xlsx)
