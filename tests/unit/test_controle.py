"""Knowing what is on disk: manifests, `python -m dashboard controle`, and readers that pass a broken generation
by (a cut-off table, a changed file, an empty HUIDIG, a HUIDIG naming nothing, an info.json that is not JSON)."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_store import contract_file

import dashboard.__main__ as cli
from dashboard import health
from dashboard.data.intake.ingest import read_own
from dashboard.data.model.paths import DATA_DIR, GEO_DIR
from dashboard.data.store import controle, generations, integrity


@pytest.fixture
def eigen(tmp_path: Path, monkeypatch) -> Path:
    """Own data with generation 1 (empty start), 2 (import 1) and 3 (import 2, in use)."""
    folder = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", folder)
    assert cli.main(["ingest", str(contract_file(tmp_path, 1))]) == 0
    assert cli.main(["ingest", str(contract_file(tmp_path, 2))]) == 0
    assert generations.current(folder).number == 3
    return folder


def cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip(path: Path) -> None:
    """Same size, one byte different in the middle (a bad copy)."""
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))


def gen(eigen: Path, number: int) -> Path:
    return eigen / generations.GENERATIONS / f"{number:06d}"


FAULTS = {
    "tabel afgekapt": (lambda e: cut(gen(e, 3) / "indicators.parquet"), 2, "indicators.parquet: afgekapt"),
    "tabel gewijzigd": (lambda e: flip(gen(e, 3) / "sources.parquet"), 2, "sources.parquet: inhoud gewijzigd"),
    "tabel weg": (lambda e: (gen(e, 3) / "sources.parquet").unlink(), 2, "sources.parquet: ontbreekt"),
    "info.json geen JSON": (lambda e: (gen(e, 3) / "info.json").write_text("{kapot"), 2, "info.json"),
    "HUIDIG leeg": (lambda e: (e / "HUIDIG").write_text(""), 3, "HUIDIG: is leeg"),
    "HUIDIG wijst nergens": (lambda e: (e / "HUIDIG").write_text("000099\n"), 3, "generatie 99, die niet bestaat"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_readers_pass_a_broken_generation_by_and_controle_names_it(fault: str, eigen: Path, capsys, caplog):
    damage, served, named = FAULTS[fault]
    damage(eigen)
    with caplog.at_level(logging.WARNING, logger="dashboard.data.store.generations"):
        found = generations.reading(eigen)
    assert found.serving is not None and found.serving.number == served
    assert any(named in p.text() for p in found.problems), found.problems
    assert named in caplog.text  # the operator sees file and cause in the server log
    indicators, sources = read_own(eigen)  # readable, and rows never without their source
    assert set(indicators["source_id"]) == set(sources["source_id"])
    assert generations.own_file("indicators", eigen).parent == gen(eigen, served)

    assert cli.main(["controle"]) == 1
    out = capsys.readouterr().out
    assert named in out and "Niet in orde" in out and f"generatie {served} (" in out


def test_every_generation_lost_means_published_data_without_imports(eigen: Path):
    for number in (1, 2, 3):
        cut(gen(eigen, number) / "info.json")
    found = generations.reading(eigen)
    assert found.serving is None and not generations.own_file("indicators", eigen).exists()
    assert read_own(eigen)[0].empty
    assert "gepubliceerde data, zonder imports" in health_notice(eigen)


def health_notice(eigen: Path) -> str:
    from dashboard.data.store import load

    old, load.EIGEN_DIR = load.EIGEN_DIR, eigen
    try:
        return health.own_data_notice() or ""
    finally:
        load.EIGEN_DIR = old


def test_a_repaired_generation_is_read_again_without_restart(eigen: Path):
    table = gen(eigen, 3) / "indicators.parquet"
    good = table.read_bytes()
    cut(table)
    assert generations.reading(eigen).serving.number == 2
    table.write_bytes(good)
    assert generations.reading(eigen).serving.number == 3 and not generations.reading(eigen).problems
    assert health_notice(eigen) == ""


def test_writers_refuse_to_build_on_a_broken_generation_and_herstel_repairs(eigen: Path, tmp_path: Path, capsys):
    cut(gen(eigen, 3) / "indicators.parquet")
    capsys.readouterr()
    assert cli.main(["ingest", str(contract_file(tmp_path, 4))]) == 1
    err = capsys.readouterr().err
    assert "beschadigd" in err and "indicators.parquet: afgekapt" in err and "python -m dashboard herstel" in err
    assert "generatie 2 (" in err and "Traceback" not in err
    assert generations.current(eigen).number == 3 and not gen(eigen, 4).exists()  # nothing written
    assert cli.main(["herstel"]) == 0
    assert "Terug naar generatie 2" in capsys.readouterr().out
    assert cli.main(["controle"]) == 0
    assert cli.main(["ingest", str(contract_file(tmp_path, 4))]) == 0
    assert generations.current(eigen).parent == 2


def test_herstel_repairs_an_empty_pointer(eigen: Path, capsys):
    (eigen / "HUIDIG").write_text("")
    assert cli.main(["herstel"]) == 0
    assert "HUIDIG was beschadigd" in capsys.readouterr().out
    assert generations.current(eigen).number == 3 and cli.main(["controle"]) == 0


def test_each_generation_has_a_manifest_written_before_the_switch(eigen: Path):
    for number in (1, 2, 3):
        entries = integrity.read_manifest(gen(eigen, number))
        files = {p.name for p in gen(eigen, number).iterdir()} - {integrity.MANIFEST}
        assert set(entries) == files and "info.json" in files
        for name, entry in entries.items():
            assert entry == {
                "bytes": (gen(eigen, number) / name).stat().st_size,
                "sha256": integrity.sha256(gen(eigen, number) / name),
            }


def test_the_committed_manifest_describes_the_committed_parquet():
    """A rebuilt or merged data/*.parquet without its manifest would make the server not ready: caught here."""
    entries = integrity.read_manifest(DATA_DIR)
    assert set(entries) == {p.name for p in DATA_DIR.glob("*.parquet")}
    assert integrity.folder_problems(DATA_DIR) == []


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("eigen", "raw", ".*"))
    return target


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda d: cut(d / "regions.parquet"), "regions.parquet: afgekapt"),
        (lambda d: flip(d / "sources.parquet"), "sources.parquet: inhoud gewijzigd"),
        (lambda d: (d / "onderwijsregios.parquet").unlink(), "onderwijsregios.parquet: ontbreekt"),
        (lambda d: (d / "manifest.json").write_text("nee"), "manifest.json: manifest onleesbaar"),
        (lambda d: cut(d / "geo" / "gemeente_2025_web.geojson"), "gemeente_2025_web.geojson: onleesbaar"),
    ],
)
def test_controle_names_a_broken_built_dataset_or_boundary(damage, named: str, data_copy: Path, tmp_path: Path):
    healthy = controle.check(data_copy, data_copy / "geo", tmp_path / "eigen")
    assert healthy.ok and healthy.servable
    damage(data_copy)
    report = controle.check(data_copy, data_copy / "geo", tmp_path / "eigen")
    assert not report.ok and not report.servable
    assert any(named in line for line in report.lines()), report.lines()
    assert all(str(tmp_path) not in p for p in report.as_json()["problemen"])  # no server folders over HTTP


def test_controle_without_manifest_checks_readability_and_says_so(data_copy: Path, tmp_path: Path):
    (data_copy / "manifest.json").unlink()
    report = controle.check(data_copy, data_copy / "geo", tmp_path / "eigen")
    assert report.ok and any("manifest.json ontbreekt" in note for note in report.notes)
    cut(data_copy / "indicators.parquet")
    assert "indicators.parquet: onleesbaar" in "\n".join(controle.check(data_copy, GEO_DIR, tmp_path).lines())


def test_warmup_json_keeps_its_keys_and_is_not_ready_with_a_broken_dataset(data_copy: Path, monkeypatch):
    monkeypatch.setattr(health, "DATA_DIR", data_copy)
    monkeypatch.setattr(health, "GEO_DIR", data_copy / "geo")
    warm = {"done": True, "seconds": 1.0, "pages": {}, "errors": []}
    body, status = health.with_controle(warm)
    assert status == 200 and body["ready"] is True and body["controle"]["ok"] is True
    assert {k: body[k] for k in warm} == warm
    assert health.with_controle({**warm, "done": False})[1] == 503  # still warming up: not ready either
    cut(data_copy / "indicators.parquet")
    body, status = health.with_controle(warm)
    assert status == 503 and body["ready"] is False and body["controle"]["serveerbaar"] is False
    assert any("indicators.parquet: afgekapt" in p for p in body["controle"]["problemen"])
    assert not health.servable()
    json.dumps(body)  # JSON as it is served


def test_build_writes_the_manifest_with_the_tables(tmp_path: Path):
    from dashboard.data.intake.build import write_all

    frames = {"indicators": pd.DataFrame({"a": [1]}), "sources": pd.DataFrame({"b": ["x"]})}
    write_all(frames, tmp_path)
    assert set(integrity.read_manifest(tmp_path)) == {"indicators.parquet", "sources.parquet"}
    assert integrity.folder_problems(tmp_path) == []
    write_all({"sources": pd.DataFrame({"b": ["y"]})}, tmp_path)  # one table rebuilt: the manifest follows
    assert integrity.folder_problems(tmp_path) == []
