"""Release bundles (dashboard/bundle.py, `python -m dashboard uitgave`): made from the data in use, taken in on a
host in one switch with the previous one kept, and a damaged bundle refused in Dutch with nothing changed."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dashboard import bundle
from dashboard.data.publish import published

REPO = Path(__file__).resolve().parents[2]


def uitgave(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    """The command as an operator runs it, on the data folder `data_dir` (its own data inside it)."""
    env = {k: v for k, v in os.environ.items() if k != "LERARENTEKORT_EIGEN_DIR"}
    env["LERARENTEKORT_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "uitgave", *args], cwd=REPO, env=env, capture_output=True, text=True
    )


@pytest.fixture
def source(tmp_path) -> Path:
    """A copy of the repository's data, as the host where releases are made."""
    folder = tmp_path / "bron" / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("eigen", ".*"))
    return folder


def test_a_bundle_taken_in_serves_the_same_version_and_keeps_the_previous(tmp_path, source):
    first = tmp_path / "een.tar.gz"
    made = uitgave("maak", str(first), data_dir=source)
    assert made.returncode == 0, made.stderr
    version = json.loads(tarfile.open(first).extractfile(bundle.MANIFEST).read())["versie"]
    assert version == published.dataset_version(source, source / "eigen")
    host = tmp_path / "host" / "data"
    taken = uitgave("neem", str(first), data_dir=host)
    assert taken.returncode == 0, taken.stderr
    assert f"Uitgave {version} in gebruik" in taken.stdout
    assert host.is_symlink() and bundle.in_use(host) == version
    assert (host / "indicators.parquet").read_bytes() == (source / "indicators.parquet").read_bytes()
    # new data on the source: a second bundle; the host switches and keeps the first
    table = pq.read_table(source / "sources.parquet")
    pq.write_table(table.slice(1), source / "sources.parquet")
    from dashboard.data.store.integrity import manifest_text, table_files

    (source / "manifest.json").write_text(manifest_text({p.name: p for p in table_files(source).values()}))
    second = tmp_path / "twee.tar.gz"
    assert uitgave("maak", str(second), data_dir=source).returncode == 0
    taken = uitgave("neem", str(second), data_dir=host)
    assert taken.returncode == 0, taken.stderr
    newer = bundle.in_use(host)
    assert newer != version and f"{version} blijft bewaard" in taken.stdout
    assert bundle.kept_folder(version, host) and bundle.seen(host) == [version, newer]
    back = uitgave("terug", data_dir=host)
    assert back.returncode == 0 and bundle.in_use(host) == version, back.stderr


def _rewritten(bundle_path: Path, target: Path, change) -> Path:
    """A copy of the bundle with one member's bytes changed by `change` (manifest left as it was)."""
    with tarfile.open(bundle_path) as src, tarfile.open(target, "w:gz") as out:
        for member in src:
            data = src.extractfile(member).read()
            if member.name == "data/indicators.parquet":
                data = change(data)
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return target


@pytest.mark.parametrize(
    "damage",
    ["afgekapt", "bit", "manifest", "buiten"],
)
def test_a_damaged_bundle_is_refused_in_dutch_and_changes_nothing(tmp_path, source, damage):
    good = tmp_path / "goed.tar.gz"
    assert uitgave("maak", str(good), data_dir=source).returncode == 0
    host = tmp_path / "host" / "data"
    assert uitgave("neem", str(good), data_dir=host).returncode == 0
    before = sorted(p.name for p in bundle.store(host).iterdir()), os.readlink(host)
    bad = tmp_path / "kapot.tar.gz"
    if damage == "afgekapt":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "bit":
        _rewritten(good, bad, lambda d: d[:100] + bytes([d[100] ^ 1]) + d[101:])
    elif damage == "manifest":
        with tarfile.open(good) as src, tarfile.open(bad, "w:gz") as out:
            for member in src:
                if member.name != bundle.MANIFEST:
                    out.addfile(member, src.extractfile(member))
    else:
        with tarfile.open(bad, "w:gz") as out:
            manifest = {"formaat": 1, "versie": "abc", "bestanden": {"../buiten": {"bytes": 1, "sha256": "x"}}}
            for name, data in ((bundle.MANIFEST, json.dumps(manifest).encode()), ("../buiten", b"x")):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                out.addfile(info, io.BytesIO(data))
    refused = uitgave("neem", str(bad), data_dir=host)
    assert refused.returncode == 1
    assert refused.stderr.startswith("Afgewezen: ") and "Er is niets gewijzigd" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert (sorted(p.name for p in bundle.store(host).iterdir()), os.readlink(host)) == before
    assert not (tmp_path / "buiten").exists()


def test_a_plain_data_folder_is_not_replaced(tmp_path, source):
    good = tmp_path / "goed.tar.gz"
    assert uitgave("maak", str(good), data_dir=source).returncode == 0
    refused = uitgave("neem", str(good), data_dir=source)
    assert refused.returncode == 1 and "is een gewone map" in refused.stderr
    assert source.is_dir() and not source.is_symlink()


def test_the_own_data_in_use_travels_with_the_bundle(tmp_path, source):
    """An import on the host where releases are made (a generation of own data) is in the bundle, and only the
    generation in use: the host that takes it in serves the same data version, own figures included."""
    example = (REPO / "data" / "voorbeeld" / "eigen_cijfers.csv").read_text(encoding="utf-8").splitlines()
    figures = tmp_path / "eigen.csv"
    figures.write_text("\n".join(example[:4]) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "LERARENTEKORT_EIGEN_DIR"} | {
        "LERARENTEKORT_DATA_DIR": str(source)
    }
    for _ in range(2):  # two generations on the source: only the one in use goes along
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", "ingest", str(figures)], cwd=REPO, env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr
    packed = tmp_path / "met-eigen.tar.gz"
    assert uitgave("maak", str(packed), data_dir=source).returncode == 0
    names = tarfile.open(packed).getnames()
    generations = {n.split("/")[3] for n in names if n.startswith("data/eigen/generaties/")}
    assert "data/eigen/HUIDIG" in names and len(generations) == 1
    host = tmp_path / "host" / "data"
    assert uitgave("neem", str(packed), data_dir=host).returncode == 0
    from dashboard.data.store import generations as gen

    own = gen.resolve(host / "eigen").folder
    assert own is not None and (own / "indicators.parquet").exists()
    assert bundle.in_use(host) == published.dataset_version(source, gen.resolve(source / "eigen").folder)
