"""A brontabel on the command line, both ways: `ingest` (own data, a generation) and `meting --naar-raw` (data/raw,
then build). The brontabel files are generated here with made-up values."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dashboard.__main__ as cli
from dashboard import metrics
from dashboard.api.tables import indicators_view
from dashboard.data.intake.ingest import read_own
from dashboard.data.model.paths import DATA_DIR, REPO_DIR
from dashboard.data.publish.published import read_snapshot
from tests.brontabel_files import OPTIONS, WHEN, made_up_values, ocw_names, write_brontabel, write_lines


@pytest.fixture
def eigen(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", folder)
    return folder


def merged(eigen: Path) -> pd.DataFrame:
    """What the pages read: the published indicators with this server's imports."""
    return pd.concat([pd.read_parquet(DATA_DIR / "indicators.parquet"), read_own(eigen)[0]], ignore_index=True)


def test_ingest_imports_the_brontabel_as_a_new_measurement_and_herstel_takes_it_back(eigen, tmp_path, capsys):
    values = made_up_values()
    path = write_brontabel(tmp_path / "tekorten-vo.csv", values)
    before = merged(eigen)
    assert WHEN not in metrics.regional_peildata(before, "vo")
    assert cli.main(["ingest", str(path), *OPTIONS]) == 0
    out = capsys.readouterr().out
    assert "35 arbeidsmarktregio's en 5 G5-gemeenten" in out
    assert "bron EIGEN-BRONTABEL-VO-TEKORT_PCT-2025-10-01: 40 rijen toegevoegd" in out
    assert "terugzetten: python -m dashboard herstel" in out

    indicators = merged(eigen)
    peildata = metrics.regional_peildata(indicators, "vo")
    assert peildata[-1] == WHEN and len(peildata) == len(metrics.regional_peildata(before, "vo")) + 1
    shown = metrics.regional_shortage(indicators, "vo")  # the map without a choice: the newest
    codes = ocw_names()
    assert dict(zip(shown["region_code"], shown["value"])) == {codes[n]: v for n, v in values.items()}
    assert set(shown.groupby("geo_level").size().items()) == {("arbeidsmarktregio", 35), ("gemeente", 5)}
    previous = metrics.regional_shortage(indicators, "vo", peildatum=peildata[-2])
    change = metrics.change_against(shown, previous)
    achterhoek = change[change["region_code"] == "AM09"].iloc[0]
    assert achterhoek["value"] == pytest.approx(values["Achterhoek"] - achterhoek["vorige"])
    series = metrics.local_series(indicators, "AM09", "vo")  # the profile's development
    assert list(series["peildatum"])[-2:] == [peildata[-2], WHEN]

    snap = read_snapshot(DATA_DIR, eigen)  # what /api/v1/indicators?peildatum=... serves
    rows, _, _ = indicators_view(snap, {"peildatum": [WHEN], "sector": ["vo"]})
    assert len(rows) == 40 and set(rows["source_id"]) == {"EIGEN-BRONTABEL-VO-TEKORT_PCT-2025-10-01"}
    source = snap.tables["sources"].set_index("source_id").loc["EIGEN-BRONTABEL-VO-TEKORT_PCT-2025-10-01"]
    assert (source["publisher"], source["year"], source["kind"]) == ("Testuitgever", "2025", "eigen data")

    assert cli.main(["herstel"]) == 0
    assert WHEN not in metrics.regional_peildata(merged(eigen), "vo")


def test_a_corrected_file_for_the_same_measurement_replaces_it(eigen, tmp_path, capsys):
    path = write_brontabel(tmp_path / "t.csv", made_up_values())
    assert cli.main(["ingest", str(path), *OPTIONS]) == 0
    write_brontabel(path, made_up_values(start=30.0), "komma-punt-zonder-kop")
    assert cli.main(["ingest", str(path), *OPTIONS]) == 0
    assert "40 rijen vervangen (40 oude rijen)" in capsys.readouterr().out
    own = read_own(eigen)[0]
    assert len(own) == 40 and own["value"].min() == 30.0


def test_missing_regions_are_imported_with_a_warning_naming_them(eigen, tmp_path, capsys):
    values = made_up_values()
    del values["Zeeland"], values["Rotterdam"]
    assert cli.main(["ingest", str(write_brontabel(tmp_path / "t.csv", values)), *OPTIONS]) == 0
    err = capsys.readouterr().err
    assert (
        "Let op: 2 regio's staan niet in het bestand en krijgen op de kaart 'geen cijfer': Rotterdam, Zeeland." in err
    )
    assert len(read_own(eigen)[0]) == 38


@pytest.mark.parametrize(
    "lines, options, message",
    [
        (
            ("Groningen;3,5", "Groot-Amstrdam;4", "Zeeland;5"),
            OPTIONS,
            'regel 2: "Groot-Amstrdam" is geen bekende arbeidsmarktregio of G5-gemeente; bedoelt u "Groot Amsterdam"?',
        ),
        (("Groningen;3,5", "groningen;4"), OPTIONS, "elke regio mag één keer voorkomen"),
        (("Groningen;3,5", "Zeeland;veel"), OPTIONS, 'de waarde "veel" bij "Zeeland" is geen getal'),
        (("Groningen;3,5", "Zeeland;150"), OPTIONS, "ligt niet tussen 0 en 100%"),
        (("Groningen", "Zeeland"), OPTIONS, "één kolom"),
        (("Groningen;3,5;1", "Zeeland;4;2"), OPTIONS, "Regel 1 heeft 3 kolommen"),
        (("Groningen;3,5",), OPTIONS[:4], "ontbreekt: --peildatum, --bron-titel, --bron-uitgever"),
        (("Groningen;3,5",), [], "heeft twee kolommen (regio en waarde): een brontabel"),
    ],
)
def test_refused_with_a_dutch_message_and_nothing_changed(eigen, tmp_path, capsys, lines, options, message):
    good = write_brontabel(tmp_path / "goed.csv", made_up_values())
    assert cli.main(["ingest", str(good), *OPTIONS]) == 0
    state = (eigen / "HUIDIG").read_text()
    capsys.readouterr()
    assert cli.main(["ingest", str(write_lines(tmp_path / "fout.csv", *lines)), *options]) == 1
    err = capsys.readouterr().err
    assert message in err and "Er is niets gewijzigd." in err
    assert (eigen / "HUIDIG").read_text() == state and len(read_own(eigen)[0]) == 40


def test_a_missing_option_is_refused_before_anything_is_read(eigen, tmp_path, capsys):
    path = write_brontabel(tmp_path / "t.csv", made_up_values())
    assert cli.main(["ingest", str(path), "--indicator", "tekort_pct"]) == 1
    assert "Afgewezen: Voor een brontabel (regio en waarde) ontbreekt: --sector, --peildatum" in capsys.readouterr().err
    assert not eigen.exists()


def test_meting_without_naar_raw_shows_the_table_and_writes_nothing(eigen, tmp_path, capsys, monkeypatch):
    raw = shutil.copytree(REPO_DIR / "data" / "raw", tmp_path / "raw")
    monkeypatch.setattr(cli, "RAW_DIR", raw)  # where --naar-raw would write
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    path = write_brontabel(tmp_path / "t.csv", made_up_values())
    assert cli.main(["meting", str(path), *OPTIONS]) == 0
    out = capsys.readouterr().out
    assert "-> AM09 Achterhoek (arbeidsmarktregio): 28,75%" in out
    assert "Er is niets geschreven" in out
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before and not eigen.exists()


@pytest.fixture
def data_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    data = tmp_path / "data"
    shutil.copytree(REPO_DIR / "data", data, ignore=shutil.ignore_patterns("eigen", ".*"))
    env = os.environ | {"LERARENTEKORT_DATA_DIR": str(data), "LERARENTEKORT_EIGEN_DIR": str(tmp_path / "eigen")}
    return data, env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=300
    )


def test_both_ways_give_the_same_rows_naar_raw_then_build(data_copy, eigen, tmp_path, capsys):
    data, env = data_copy
    values = made_up_values()
    del values["Drenthe"]
    path = write_brontabel(tmp_path / "tekorten-vo.csv", values, "komma-aanhalingstekens-procent")
    shipped = (data / "raw" / "regional_shortage_vo.csv").read_bytes()

    done = run(env, "meting", str(path), *OPTIONS, "--naar-raw")
    assert done.returncode == 0, done.stderr
    assert "39 rijen in" in done.stdout and "Drenthe" in done.stderr
    after = (data / "raw" / "regional_shortage_vo.csv").read_bytes()
    assert after.startswith(shipped)  # the shipped rows untouched, byte for byte (Windows line ends kept)
    assert after.count(b"\r\n") == shipped.count(b"\r\n") + 39

    check = run(env, "build", "--check")
    assert check.returncode == 0, check.stderr
    assert f"tekort_pct vo arbeidsmarktregio: {WHEN} (34 rijen)" in check.stdout
    assert f"tekort_pct vo gemeente: {WHEN} (5 rijen)" in check.stdout
    assert run(env, "build").returncode == 0
    built = pd.read_parquet(data / "indicators.parquet")
    raw_way = built[built["peildatum"] == WHEN]

    assert cli.main(["ingest", str(path), *OPTIONS]) == 0  # the other way, from the same file
    own_way = read_own(eigen)[0]
    columns = [
        "indicator",
        "sector",
        "geo_level",
        "region_code",
        "region_name",
        "categorie",
        "year",
        "value",
        "unit",
        "kind",
        "reliability",
    ]
    key = ["region_code"]
    assert (
        raw_way[columns]
        .sort_values(key)
        .reset_index(drop=True)
        .equals(own_way[columns].sort_values(key).reset_index(drop=True))
    )
    assert set(raw_way["source_id"]) == {"BRONTABEL-VO-TEKORT_PCT-2025-10-01"}
    sources = pd.read_parquet(data / "sources.parquet").set_index("source_id")
    assert sources.loc["BRONTABEL-VO-TEKORT_PCT-2025-10-01", "url"] == "https://example.org/brontabel"

    again = run(env, "meting", str(path), *OPTIONS, "--naar-raw")  # a corrected file replaces, never doubles
    assert again.returncode == 0 and "39 oude rijen van deze bron vervangen" in again.stdout
    assert (data / "raw" / "regional_shortage_vo.csv").read_bytes() == after


def test_naar_raw_refuses_a_second_source_for_the_same_map(data_copy, tmp_path):
    data, env = data_copy
    path = write_brontabel(tmp_path / "t.csv", made_up_values())
    before = {p.name: p.read_bytes() for p in (data / "raw").glob("*.csv")}
    shipped = ["--peildatum", "2023-10-01"]  # the shipped OCW_VO_REG_2023 measurement
    done = run(env, "meting", str(path), *OPTIONS, *shipped, "--naar-raw")
    assert done.returncode == 1
    assert "heeft al een meting tekort_pct vo van 2023-10-01 per arbeidsmarktregio (bron OCW_VO_REG_2023" in done.stderr
    assert {p.name: p.read_bytes() for p in (data / "raw").glob("*.csv")} == before
