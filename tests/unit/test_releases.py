"""Releases: a build and every import record what changed, kept with the data (a generation keeps its own), newest
first, and the Atom feed of them is valid for a feed parser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pandas as pd
import pytest

import dashboard.__main__ as cli
from dashboard.api.feed import atom
from dashboard.data.model.contract import SCHEMAS
from dashboard.data.model.paths import REPO_DIR
from dashboard.data.publish import releases
from dashboard.data.store import atomic

HEADER = ";".join([*SCHEMAS["indicators"].column_names, "bron_titel", "bron_uitgever", "bron_licentie"])


def own_file(folder: Path, number: int, licence: str = "") -> Path:
    line = (
        f"tekort_pct;po;;gemeente;GM0363;Amsterdam;;2025-10-01;2025;{number},5;%;meting;secondary;TEST_{number};"
        f"test;Meting {number};Bestuur {number};{licence}"
    )
    path = folder / f"eigen_{number}.csv"
    path.write_text(f"{HEADER}\n{line}\n", encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path, tables) -> Path:
    """A copy of the published tables (no releases yet)."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in tables:
        shutil.copy(REPO_DIR / "data" / f"{name}.parquet", folder / f"{name}.parquet")
    return folder


def _next_measurement(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """A build with one new peildatum (from a new source) and one changed value."""
    indicators = tables["indicators"].copy()
    first = indicators.index[0]
    new_row = indicators.loc[[first]].assign(peildatum="2030-10-01", year=2030, source_id="TEST_NIEUW")
    indicators.loc[first, "value"] = indicators.loc[first, "value"] + 1
    sources = pd.concat([tables["sources"], tables["sources"].head(1).assign(source_id="TEST_NIEUW")])
    return {**tables, "indicators": pd.concat([indicators, new_row], ignore_index=True), "sources": sources}


def test_a_build_records_new_peildata_changed_values_and_new_sources(data_dir: Path, tables):
    built = _next_measurement(tables)
    before = releases.current_tables(list(built), data_dir)
    release, write = releases.build_release(before, built, data_dir, time="2030-11-01T10:00:00Z")
    atomic.write_tables(built, data_dir, write)  # the release goes in the same group as the tables
    assert release["samenvatting"]["nieuwe_peildata"] == 1 and release["samenvatting"]["nieuwe_bronnen"] == 1
    assert release["samenvatting"]["gewijzigde_waarden"] == 1
    assert release["versie"] == releases.published_version(data_dir) and release["opdracht"] == "build"
    assert "Nieuwe peildata (1):" in release["regels"]
    assert release["nieuws"] == [
        "Nieuwe meting okt 2030: tekort (% werkgelegenheid) po landelijk: 9,1%",
        "Gecorrigeerd: tekort (% werkgelegenheid) po landelijk, okt 2021: Nederland 9,1% -> 10,1%",
        "1 bron toegevoegd (bij tekort (% werkgelegenheid))",
    ]
    assert releases.headline(release) == "; ".join(release["nieuws"])
    assert releases.headline({**release, "nieuws": []}) == releases.NO_NEWS
    assert "1 nieuwe peildatum, 1 gewijzigde waarde, 1 nieuwe bron" == releases.headline(
        {k: v for k, v in release.items() if k != "nieuws"}  # a release from before the words
    )
    kept = json.loads((data_dir / releases.RELEASES_FILE).read_text(encoding="utf-8"))
    assert kept == [release]


def test_a_build_that_changes_nothing_records_nothing(data_dir: Path, tables):
    assert releases.build_release(tables, tables, data_dir) == (None, {})
    assert not (data_dir / releases.RELEASES_FILE).exists()


def test_imports_keep_their_release_in_their_generation_and_herstel_takes_it_out(tmp_path, data_dir, monkeypatch):
    eigen = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", eigen)
    (data_dir / releases.RELEASES_FILE).write_text(
        json.dumps(
            [
                {
                    "versie": "0000000000000000",
                    "tijd": "2000-01-01T00:00:00Z",
                    "opdracht": "build",
                    "soort": "build",
                    "samenvatting": {},
                    "regels": [],
                }
            ]
        ),
        encoding="utf-8",
    )
    assert cli.main(["ingest", str(own_file(tmp_path, 1, licence="CC-BY-4.0"))]) == 0
    assert cli.main(["ingest", str(own_file(tmp_path, 2))]) == 0
    found = releases.all_releases(data_dir, eigen)
    assert [r["soort"] for r in found] == ["import", "import", "build"]  # newest first
    assert found[0]["opdracht"] == "ingest eigen_2.csv" and found[0]["samenvatting"]["nieuwe_bronnen"] == 1
    assert found[0]["samenvatting"]["lijsten"]["nieuwe_bronnen"] == ["EIGEN-TEST_2"]
    assert (eigen / "generaties" / "000003" / releases.GENERATION_RELEASE).exists()
    assert cli.main(["herstel"]) == 0  # back to the generation of the first import: its release, not the second's
    assert [r["opdracht"] for r in releases.all_releases(data_dir, eigen)] == ["ingest eigen_1.csv", "build"]


def test_own_sources_get_their_licence_or_onbekend(tmp_path, monkeypatch):
    from dashboard.data.intake.ingest import read_own

    eigen = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", eigen)
    assert cli.main(["ingest", str(own_file(tmp_path, 1, licence="CC-BY-4.0")), str(own_file(tmp_path, 2))]) == 0
    _, sources = read_own(eigen)
    assert dict(zip(sources["source_id"], sources["licence"])) == {
        "EIGEN-TEST_1": "CC-BY-4.0",
        "EIGEN-TEST_2": "onbekend",
    }


def test_a_cut_off_release_file_is_skipped_not_fatal(tmp_path, monkeypatch):
    eigen = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", eigen)
    assert cli.main(["ingest", str(own_file(tmp_path, 1))]) == 0
    (eigen / "generaties" / "000002" / releases.GENERATION_RELEASE).write_text('{"versie": "ab', encoding="utf-8")
    assert releases.own_releases(eigen) == []


def test_the_atom_feed_is_valid_for_a_feed_parser():
    found = [
        {
            "versie": "bbbb",
            "tijd": "2030-11-02T09:00:00Z",
            "opdracht": "ingest x.csv",
            "soort": "import",
            "samenvatting": {"nieuwe_bronnen": 1},
            "regels": ["Rijen per tabel (huidig -> nieuw):", "  sources: 0 -> 1"],
        },
        {
            "versie": "aaaa",
            "tijd": "2030-11-01T10:00:00Z",
            "opdracht": "build",
            "soort": "build",
            "samenvatting": {"nieuwe_peildata": 2, "gewijzigde_waarden": 1},
            "regels": ["Nieuwe peildata (2):"],
        },
    ]
    body = atom(found, "http://example.org/api/v1/releases.atom", "http://example.org/api/v1/releases")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title.startswith("Lerarentekort in beeld")
    assert [e.id for e in feed.entries] == [
        "urn:lerarentekort-in-beeld:releases:bbbb:2030-11-02T09:00:00Z",
        "urn:lerarentekort-in-beeld:releases:aaaa:2030-11-01T10:00:00Z",
    ]
    assert "2 nieuwe peildata, 1 gewijzigde waarde" in feed.entries[1].title
    assert feed.entries[0].updated == "2030-11-02T09:00:00Z" and "sources: 0 -> 1" in feed.entries[0].content[0].value
    assert feed.feed.updated == "2030-11-02T09:00:00Z"
    empty = feedparser.parse(atom([], "http://example.org/f", "http://example.org/r"))
    assert not empty.bozo and empty.entries == []


def _get(path: str, query: str = ""):
    from starlette.requests import Request

    from dashboard import api
    from dashboard.api.spec import DOCUMENT_PATHS

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "headers": [],
        "scheme": "http",
        "server": ("test", 80),
        "root_path": "",
        "path_params": {},
    }
    rest = path.removeprefix("/api/v1/")
    name = next((name for name, (doc, _) in DOCUMENT_PATHS.items() if doc == rest), rest)
    return api.handle(Request(scope), name)


def test_the_version_of_an_import_release_can_be_fetched_while_its_generation_is_kept(tmp_path, monkeypatch):
    """?versie= gives the data as it was right after an import (the release's version), not the current data."""
    from dashboard.data.store import load

    eigen = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", eigen)
    monkeypatch.setattr(load, "EIGEN_DIR", eigen)
    assert cli.main(["ingest", str(own_file(tmp_path, 1))]) == 0
    assert cli.main(["ingest", str(own_file(tmp_path, 2))]) == 0
    first, second = releases.own_releases(eigen)[::-1]
    current = _get("/api/v1/sources", "format=json")
    assert current.headers["X-Dataset-Version"] == second["versie"]
    old = _get("/api/v1/sources", f"format=json&versie={first['versie']}")
    ids = {s["source_id"] for s in json.loads(old.body)["bronnen"]}
    assert old.status_code == 200 and old.headers["X-Dataset-Version"] == first["versie"]
    assert "EIGEN-TEST_1" in ids and "EIGEN-TEST_2" not in ids
    assert old.headers["ETag"] != current.headers["ETag"]
    package = json.loads(_get("/api/v1/datapackage.json", f"versie={first['versie']}").body)
    assert package["version"] == first["versie"]
    refused = _get("/api/v1/sources", "versie=0000000000000000")
    error = json.loads(refused.body)
    assert refused.status_code == 400 and error["parameter"] == "versie"
    assert {first["versie"], second["versie"]} <= set(error["toegestaan"])
    assert _get("/api/v1/releases", f"versie={first['versie']}").status_code == 400  # not for this endpoint


def test_an_onderwijsregio_definition_import_records_its_release(tmp_path, monkeypatch):
    eigen = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", eigen)
    path = tmp_path / "indeling.csv"
    path.write_text("Onderwijsregio;Sector;Gemeentecode\nNoord;po;GM0014\nZuid;vo;GM0363\n", encoding="utf-8")
    assert cli.main(["onderwijsregios", str(path)]) == 0
    [release] = releases.own_releases(eigen)
    assert release["opdracht"] == "onderwijsregios indeling.csv" and release["soort"] == "import"
    assert release["samenvatting"]["rijen"]["onderwijsregio_gemeenten"] == {"voor": 0, "na": 2}
    assert cli.main(["onderwijsregios", str(path)]) == 0  # the same file again changes nothing: no new release
    assert len(releases.own_releases(eigen)) == 1
