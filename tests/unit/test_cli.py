"""`python -m dashboard`: what a user without a developer runs to bring in new data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dashboard.__main__ as cli
from dashboard.data.intake.ingest import read_own
from dashboard.data.model.paths import DATA_DIR, REPO_DIR
from dashboard.data.store.generations import own_file

EXAMPLE = DATA_DIR / "voorbeeld" / "eigen_cijfers.csv"


@pytest.fixture
def eigen(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", folder)
    return folder


def test_ingest_prints_added_then_replaced_and_herstel_restores(eigen: Path, tmp_path: Path, capsys):
    assert cli.main(["herstel"]) == 1  # nothing to restore yet
    assert cli.main(["ingest", str(EXAMPLE)]) == 0
    assert "eigen_cijfers.csv: bron EIGEN-VOORBEELD_OCW_PO_2023" in capsys.readouterr().out
    shorter = tmp_path / "korter.csv"
    shorter.write_bytes(b"\n".join(EXAMPLE.read_bytes().splitlines()[:3]) + b"\n")
    assert cli.main(["ingest", str(shorter)]) == 0
    assert "2 rijen vervangen (3 oude rijen)" in capsys.readouterr().out
    assert len(read_own(eigen)[0]) == 2
    assert cli.main(["herstel"]) == 0
    assert len(read_own(eigen)[0]) == 3


def test_ingest_refuses_with_dutch_message_and_exit_status(eigen: Path, tmp_path: Path, capsys):
    bad = tmp_path / "cijfers.xlsx"
    bad.write_text("dit is geen excel")
    assert cli.main(["ingest", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Afgewezen: cijfers.xlsx: Het bestand heet .xlsx maar is geen Excel-bestand" in err
    assert not eigen.exists()


def test_onderwijsregio_definition_import(eigen: Path, tmp_path: Path, capsys):
    path = tmp_path / "indeling.csv"
    path.write_text("Onderwijsregio;Sector;Gemeentecode\nNoord;po;14\nNoord;po;GM0034\nZuid;vo;0363\n")
    assert cli.main(["onderwijsregios", str(path)]) == 0
    assert "3 regels, 1 onderwijsregio's po, 1 onderwijsregio's vo" in capsys.readouterr().out
    table = pd.read_parquet(own_file("onderwijsregio_gemeenten", eigen))
    assert list(table["gemeentecode"]) == ["GM0014", "GM0034", "GM0363"]
    path.write_text("onderwijsregio;sector;gemeentecode\nNoord;po;9999\n")
    assert cli.main(["onderwijsregios", str(path)]) == 1
    assert "rij 1: onbekende gemeente 'GM9999'" in capsys.readouterr().err
    path.write_text("onderwijsregio;sector;gemeentecode\nNoord;po;14\nNoord;po;GM0014\n")
    assert cli.main(["onderwijsregios", str(path)]) == 1
    assert "moeten uniek zijn; dubbel in rij 1, 2" in capsys.readouterr().err
    assert len(pd.read_parquet(own_file("onderwijsregio_gemeenten", eigen))) == 3  # the accepted one stays


def test_module_runs_as_documented():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "--help"], cwd=REPO_DIR, capture_output=True, text=True, check=True
    )
    for command in ("ingest", "ingest-duo", "onderwijsregios", "refresh-boundaries", "herstel", "build"):
        assert command in result.stdout


def _import_via_cli(content: str, folder: Path) -> pd.DataFrame:
    path = folder / "eigen_regio.csv"
    path.write_text(content, encoding="utf-8")
    eigen = folder / "eigen"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "onderwijsregios", str(path)],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "LERARENTEKORT_EIGEN_DIR": str(eigen)},
    )
    assert result.returncode == 0, result.stderr
    from dashboard.data.store.generations import own_file

    return pd.read_parquet(own_file("onderwijsregio_gemeenten", eigen))


def test_own_region_csv_round_trips_through_the_cli(tmp_path: Path):
    from dashboard.data.intake.definitions import own_region_csv

    name = "Eigen regio; noord"
    text = own_region_csv(["363", "GM0034", "0014", "GM0034"], name, "po")
    assert text.splitlines()[0] == "onderwijsregio;sector;gemeentecode;betrouwbaarheid"
    (tmp_path / "a").mkdir()
    alone = _import_via_cli(text, tmp_path / "a")
    assert list(zip(alone["onderwijsregio"], alone["sector"], alone["gemeentecode"])) == [
        (name, "po", "GM0014"),
        (name, "po", "GM0034"),
        (name, "po", "GM0363"),
    ]
    # Added to the shipped definition, an own region of the same name and sector is replaced, not doubled.
    shipped = pd.read_parquet(DATA_DIR / "onderwijsregio_gemeenten.parquet")
    combined = own_region_csv(["GM0014"], name, "po", base=pd.concat([shipped, alone], ignore_index=True))
    (tmp_path / "b").mkdir()
    table = _import_via_cli(combined, tmp_path / "b")
    assert len(table) == len(shipped) + 1
    assert list(table.loc[table["onderwijsregio"] == name, "gemeentecode"]) == ["GM0014"]
    pd.testing.assert_frame_equal(table[table["onderwijsregio"] != name].reset_index(drop=True), shipped)


@pytest.mark.parametrize(("codes", "name", "sector"), [([], "X", "po"), (["GM0014"], " ", "po"), (["14"], "X", "hbo")])
def test_own_region_csv_refuses_incomplete_input(codes, name, sector):
    from dashboard.data.intake.definitions import own_region_csv

    with pytest.raises(ValueError):
        own_region_csv(codes, name, sector)
