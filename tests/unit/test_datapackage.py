"""The Frictionless data package: generated from the data contract, valid with its data according to the
frictionless library, and saying per source and per figure which licence applies and whether it may be
redistributed."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from dashboard.data.model.contract import SCHEMAS
from dashboard.data.model.paths import RAW_DIR
from dashboard.data.publish import datapackage, licences


def unpack(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    zipfile.ZipFile(io.BytesIO(datapackage.zip_bytes(tables, "0123456789abcdef"))).extractall(folder)
    return folder / datapackage.DESCRIPTOR_FILE


def errors(report: frictionless.Report) -> list[str]:
    return [f"{e.type}: {e.message[:200]}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.message[:200]}" for e in report.errors
    ]


def test_package_and_data_are_valid(tables, tmp_path):
    report = frictionless.validate(str(unpack(tables, tmp_path)))
    assert report.valid, errors(report)
    package = frictionless.Package(str(tmp_path / datapackage.DESCRIPTOR_FILE))
    assert [r.name for r in package.resources] == [r.name for r in datapackage.RESOURCES]
    rows = package.get_resource("indicators").read_rows()
    assert len(rows) == len(tables["indicators"]) and rows[0]["source_id"] == tables["indicators"]["source_id"][0]


@pytest.mark.parametrize("breakage", ["unknown source", "unknown kind", "duplicate source id"])
def test_broken_data_is_caught(tables, tmp_path, breakage):
    """The schema carries the contract's rules: a validator finds what the contract forbids."""
    broken = dict(tables)
    if breakage == "unknown source":
        broken["indicators"] = tables["indicators"].assign(source_id="BESTAAT_NIET")
    elif breakage == "unknown kind":
        broken["indicators"] = tables["indicators"].assign(kind="gok")
    else:
        broken["sources"] = pd.concat([tables["sources"], tables["sources"].head(1)])
    report = frictionless.validate(str(unpack(broken, tmp_path)))
    expected = {
        "unknown source": "foreign-key",
        "unknown kind": "constraint-error",
        "duplicate source id": "primary-key",
    }[breakage]
    assert not report.valid and any(e.startswith(expected) for e in errors(report))


def test_schema_is_the_contract(tables):
    package = datapackage.descriptor(tables, "v")
    by_name = {r["name"]: r["schema"] for r in package["resources"]}
    for name, schema in by_name.items():
        contract = SCHEMAS[name]
        fields = {f["name"]: f for f in schema["fields"]}
        assert list(fields)[: len(contract.columns)] == contract.column_names
        for column in contract.columns:
            assert fields[column.name]["type"] == datapackage.TYPES[column.kind]
            assert fields[column.name].get("constraints", {}).get("enum", []) == list(column.allowed)
            assert fields[column.name]["description"]
        assert schema.get("primaryKey", []) == list(contract.unique)
    assert by_name["indicators"]["foreignKeys"] == [
        {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}
    ]
    assert {f["name"]: f.get("unit") for f in by_name["indicators"]["fields"]}["year"] == "jaar"


def test_licences_and_redistribution_per_source_and_per_figure(tables, tmp_path):
    unpack(tables, tmp_path)
    read = {
        name: pd.read_csv(
            tmp_path / "data" / resource.file, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
        for name, resource in datapackage.BY_NAME.items()
    }
    sources = read["sources"].set_index("source_id")
    # a news figure restated with its link is a fact, re-usable; the article's text is not taken over
    assert sources.loc["NRC_2021", "licence"] == licences.FACT
    assert sources.loc["NRC_2021", "herverdeelbaar"] == "ja"
    assert sources.loc["CD_2023", "licence"] == "openbare overheidsinformatie"
    assert sources.loc["CD_2023", "herverdeelbaar"] == "ja"
    assert sources.loc["OCW_PO_REG_2023", "herverdeelbaar"] == "ja"
    assert sources.loc["OECD_EAG2024_D4", "licence"] == "CC-BY-4.0"
    figures = read["indicators"]
    assert (figures["herverdeelbaar"] == figures["source_id"].map(sources["herverdeelbaar"])).all()
    assert set(figures["herverdeelbaar"]) == {"ja"}  # no shipped figure is blocked by the article it came from
    package = json.loads((tmp_path / datapackage.DESCRIPTOR_FILE).read_text(encoding="utf-8"))
    regions = next(r for r in package["resources"] if r["name"] == "regions")
    assert regions["licenses"] == [
        {
            "title": licences.title("CC-BY-4.0"),
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    indicator_licences = next(r for r in package["resources"] if r["name"] == "indicators")["licenses"]
    assert "CC-BY-4.0" in {entry.get("name") for entry in indicator_licences}
    assert licences.title(licences.FACT) in {entry["title"] for entry in indicator_licences}
    assert package["licenses"][0]["name"] == licences.PROJECT_LICENCE  # what this project adds


def test_every_shipped_source_names_a_known_licence():
    raw = pd.read_csv(RAW_DIR / "sources.csv", dtype=str, keep_default_na=False)
    assert (raw["licence"].str.strip() != "").all()
    assert licences.unknown_licences(raw) == []
    news = raw[raw["kind"] == "nieuws"]
    assert len(news) and (news["licence"] == licences.FACT).all()
    assert news["licence"].map(licences.redistributable).all()


def test_no_official_publisher_has_an_unknown_licence_and_each_names_its_evidence():
    raw = pd.read_csv(RAW_DIR / "sources.csv", dtype=str, keep_default_na=False)
    official = raw[raw["kind"].isin(licences.OFFICIAL_KINDS)]
    assert len(official) > 40
    assert (official["licence"] != licences.UNKNOWN).all(), official.loc[official["licence"] == "onbekend", "source_id"]
    assert (raw["licence"] == licences.UNKNOWN).mean() <= 0.15
    known = raw[raw["licence"] != licences.UNKNOWN]
    assert known["licence_url"].str.startswith("https://").all()
    assert (raw["herverdeelbaar" if "herverdeelbaar" in raw else "licence"].map(licences.redistributable)).all()


def test_own_data_without_licence_is_onbekend_and_not_redistributable(tables):
    legacy = tables["sources"].head(2).drop(columns="licence").assign(source_id=["EIGEN-A", "EIGEN-B"])
    merged = licences.with_redistribution(pd.concat([tables["sources"], legacy], ignore_index=True))
    own = merged[merged["source_id"].str.startswith("EIGEN-")]
    assert own["licence"].tolist() == ["onbekend", "onbekend"] and own["herverdeelbaar"].tolist() == ["nee", "nee"]
