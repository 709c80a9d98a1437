"""A new measurement flows through every page without a code change.

The test copies the dataset, adds a generated (synthetic) next measurement to the copy of data/raw/ in the layouts
the maintainers fill in (regional, national and per-vak shortage, intake of the lerarenopleidingen), rebuilds with
`python -m dashboard build`, and checks that every page shows it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
SYNTHETIC = "synthetische testmeting (gegenereerd in tests/app/test_next_measurement.py)"


def add_next(
    raw: Path, table: str, when: str, column: str = "peildatum", shift: float = 1.0, keep=lambda rows: rows
) -> str:
    """Copy the latest rows of a raw table as a new measurement one year on; returns the new time value."""
    frame = pd.read_csv(raw / table, dtype=str, keep_default_na=False)
    dated = keep(frame[frame[column].str.fullmatch(r"\d{4}(-\d{2}-\d{2})?")])
    latest = dated[dated[column] == dated[column].max()]
    assert len(latest), f"{table}: geen meting om na te bootsen"
    new = latest.assign(value=(latest["value"].astype(float) + shift).round(1).astype(str), note=SYNTHETIC)
    new[column] = when
    pd.concat([frame, new], ignore_index=True).to_csv(raw / table, index=False)
    return when


def regional_map(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the measurement that draws the map: the sources of the arbeidsmarktregio figures (with their G5)."""
    am = rows[rows["geo_level"].str.startswith("arbeidsmarktregio") & (rows["reliability"] == "solid")]
    return rows[rows["source_id"].isin(set(am["source_id"]))]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("volgende_meting")
    data = root / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("eigen", ".*"))
    raw = data / "raw"
    regional = pd.read_csv(raw / "regional_shortage_po.csv", dtype=str)["peildatum"]
    year = int(max(p for p in regional if p[:4].isdigit())[:4]) + 1
    when = f"{year}-10-01"
    solid = lambda rows: rows[rows["reliability"] == "solid"]  # noqa: E731
    for table in ("regional_shortage_po.csv", "regional_shortage_vo.csv"):
        add_next(raw, table, when, keep=regional_map)
    add_next(raw, "vo_vakken.csv", when)
    add_next(raw, "national_shortage_po.csv", when, keep=solid)
    add_next(raw, "national_shortage_vo_mbo.csv", when, keep=solid)
    series = pd.read_csv(raw / "opleiding_instroom.csv", dtype=str)
    instroom = series.loc[series["measure"] == "instroom", "jaar"].astype(int).max() + 1
    add_next(
        raw,
        "opleiding_instroom.csv",
        str(instroom),
        column="jaar",
        shift=100,
        keep=lambda rows: rows[rows["measure"] == "instroom"],
    )
    env = os.environ | {"LERARENTEKORT_DATA_DIR": str(data), "LERARENTEKORT_EIGEN_DIR": str(root / "eigen")}
    subprocess.run([sys.executable, "-m", "dashboard", "build"], cwd=REPO, env=env, check=True, capture_output=True)
    check = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("next_measurement_pages.py"))],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert check.returncode == 0, check.stderr[-3000:]
    shown = json.loads(check.stdout.strip().splitlines()[-1])
    release = json.loads((data / "releases.json").read_text(encoding="utf-8"))[0]
    return {
        "shown": shown,
        "label": f"okt {year}",
        "year": year,
        "instroom": int(instroom),
        "when": when,
        "release": release,
    }


def test_the_build_records_a_release_with_the_new_peildata(pages):
    """What `build --check` would have said is kept as the build's release (for /api/v1/releases and the feed)."""
    new = pages["release"]["samenvatting"]["lijsten"]["nieuwe_peildata"]
    assert pages["release"]["opdracht"] == "build" and any(pages["when"] in line for line in new)
    assert any(line.startswith("Nieuwe peildata") for line in pages["release"]["regels"])


def test_no_page_fails_on_the_new_data(pages):
    assert {k: v["errors"] for k, v in pages["shown"].items() if v["errors"]} == {}


def test_every_page_shows_the_new_measurement(pages):
    shown, label = pages["shown"], pages["label"]
    for sector in ("po", "vo"):
        assert f"{sector.upper()} · {label}" in shown[f"overzicht/{sector}"]["texts"]  # the KPI card
        assert f"({sector}, {label})" in shown[f"overzicht/{sector}"]["texts"]  # the small map heading
        assert f"per arbeidsmarktregio, {label}" in shown[f"regionale-tekorten/{sector}"]["texts"]
        assert f"per onderwijsregio, {label}" in shown[f"onderwijsregios/{sector}"]["texts"]
        assert f"Laatste officiële meting: {label}" in shown[f"behoud/{sector}"]["texts"]
    assert f"Tekort per vak, {label}" in shown["bevoegdheden/vo"]["texts"]
    assert shown["opleiden/po"]["sliders"]["_jaren"][1] == pages["instroom"]


def test_maps_offer_the_measurements_and_the_difference(pages):
    shown = pages["shown"]
    for sector in ("po", "vo"):
        selects = shown[f"regionale-tekorten/{sector}"]["selects"]
        assert len(selects.get("peildatum", [])) == 2, selects
        assert len(shown[f"onderwijsregios/{sector}"]["selects"]["peildatum"]) == 2
        assert "Verschil in het tekort" in shown[f"verschil/{sector}"]["texts"]
        assert "Verschil in het afgeleide tekort" in shown[f"verschil-oregio/{sector}"]["texts"]
        assert "procentpunt" in shown[f"verschil/{sector}"]["texts"]


def test_a_measurement_in_the_data_leaves_the_register_of_newer_publications(pages):
    """data/raw/newer_publications.csv names okt 2024 and okt 2025; the generated measurement is one of them, and
    only the other one stays on the pages."""
    shown, label = pages["shown"], pages["label"]
    assert label in ("okt 2024", "okt 2025")
    other = "okt 2025" if label == "okt 2024" else "okt 2024"
    for sector in ("po", "vo"):
        for page in ("regionale-tekorten", "onderwijsregios"):  # the map pages name their sector's measurements
            texts = shown[f"{page}/{sector}"]["texts"]
            assert f"**Nieuwer gepubliceerd:** {other} (Kamerbrief 18 december 2025)" in texts, page
            assert "okt 2024 en okt 2025" not in texts
        # the Overzicht names all sectors: the mbo's okt 2025 is still missing
        assert "**Nieuwer gepubliceerd:**" in shown[f"overzicht/{sector}"]["texts"]
