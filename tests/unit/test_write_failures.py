"""A write that fails half-way, with real OS failures (no mocks): every writing command, under a file-size limit
(RLIMIT_FSIZE in the child; Python ignores SIGXFSZ, so each write fails with EFBIG, as on a full disk), on a
full, read-only and not-writable tmpfs, and at every write step. Each time: a Dutch message that names the file
and what to do, exit status 1, no traceback, the data on disk byte for byte as before (no temp file, no new
generation, HUIDIG unchanged), and the same command succeeds once the cause is gone."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_duo import ADRESSEN, personnel_xlsx
from test_refresh_geo import pdok  # noqa: F401 (the local PDOK server fixture)
from test_store import contract_file

from dashboard.data.model.paths import DATA_DIR, REPO_DIR
from dashboard.data.store import atomic, generations

LOCK = atomic.LOCK_NAME


def state(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` with its sha256 (the lock file is no data, nor are the empty folders
    of own data a first command makes before it writes)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.name == LOCK or (path.is_dir() and path.name in ("eigen", generations.GENERATIONS)):
            continue
        rel = str(path.relative_to(folder))
        found[rel] = "map" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (built tables, manifest, raw, geo) without own data: the commands write only here."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("eigen", LOCK, ".*.tmp"))
    return target


def run(data: Path, *args: str, limit: int | None = None, **env: str) -> subprocess.CompletedProcess:
    """`python -m dashboard ARGS` in a child process on the copy `data`, with RLIMIT_FSIZE `limit` bytes."""

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=REPO_DIR,
        env={
            **os.environ,
            "LERARENTEKORT_DATA_DIR": str(data),
            "LERARENTEKORT_WACHT": "5",
            "PYTHONDONTWRITEBYTECODE": "1",
            **env,
        },
        preexec_fn=limited,
        capture_output=True,
        text=True,
        timeout=180,
    )


def assert_refused_safely(result: subprocess.CompletedProcess, before: dict[str, str], data: Path, *said: str):
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Errno" not in result.stderr, result.stderr
    assert "kon niet worden geschreven" in result.stderr and "Er is niets gewijzigd." in result.stderr, result.stderr
    for text in said:
        assert text in result.stderr, result.stderr
    assert state(data) == before  # nothing changed, nothing left behind


def _eigen_commands(tmp_path: Path) -> dict[str, list[str]]:
    personeel = tmp_path / "personeel.xlsx"
    personeel.write_bytes(personnel_xlsx())
    adressen = tmp_path / "vestigingen.csv"
    adressen.write_bytes(ADRESSEN.encode("cp1252"))
    indeling = tmp_path / "indeling.csv"
    indeling.write_text("onderwijsregio;sector;gemeentecode\nNoord;po;14\nNoord;po;GM0034\nZuid;vo;0363\n")
    return {
        "ingest": ["ingest", str(contract_file(tmp_path, 2))],
        "ingest-duo": ["ingest-duo", str(personeel), "--adressen", str(adressen)],
        "onderwijsregios": ["onderwijsregios", str(indeling)],
        "herstel": ["herstel"],
    }


@pytest.mark.parametrize("command", ["ingest", "ingest-duo", "onderwijsregios", "herstel"])
def test_own_data_command_under_a_file_size_limit(command: str, tmp_path: Path):
    data = data_copy(tmp_path)
    assert run(data, "ingest", str(contract_file(tmp_path, 1))).returncode == 0
    assert run(data, "ingest", str(contract_file(tmp_path, 3))).returncode == 0  # so herstel has a step back
    before = state(data)
    args = _eigen_commands(tmp_path)[command]
    # HUIDIG is 7 bytes; every table of a generation is far more than 1.000 bytes
    limit = 4 if command == "herstel" else 1000
    refused = run(data, *args, limit=limit)
    what = "HUIDIG" if command == "herstel" else "De nieuwe generatie eigen data"
    assert_refused_safely(refused, before, data, what, "ulimit -f", "In gebruik blijft generatie 3 (ingest import_3")
    assert generations.current(data / "eigen").number == 3
    done = run(data, *args)  # the limit lifted: the same command succeeds
    assert done.returncode == 0, done.stderr
    assert state(data) != before
    assert not [p for p in data.rglob("*") if p.name.startswith((".nieuw-", ".weg-")) or p.name.endswith(".tmp")]


def test_build_under_a_file_size_limit(tmp_path: Path):
    data = data_copy(tmp_path)
    (data / "raw" / "vacatures.csv").write_text(  # a change, so a build that succeeds changes data/*.parquet
        (data / "raw" / "vacatures.csv").read_text(encoding="utf-8").replace("\n", "\n", 1), encoding="utf-8"
    )
    before = state(data)
    assert_refused_safely(run(data, "build", limit=5000), before, data, "ulimit -f", ".parquet")
    done = run(data, "build")
    assert done.returncode == 0, done.stderr
    assert run(data, "controle").returncode == 0


def test_refresh_boundaries_under_a_file_size_limit(tmp_path: Path, pdok):  # noqa: F811
    url = pdok[0]
    data = data_copy(tmp_path)
    before = state(data)
    refused = run(data, "refresh-boundaries", "--year", "2031", "--base-url", url, limit=1000)
    assert_refused_safely(refused, before, data, "ulimit -f", "2031_web.geojson")
    done = run(data, "refresh-boundaries", "--year", "2031", "--base-url", url)
    assert done.returncode == 0, done.stderr
    assert (data / "geo" / "gemeente_2031_web.geojson").exists()
    assert (data / "raw" / "gemeente_regions.vorige.csv").exists()
    assert run(data, "controle").returncode == 0  # regions.parquet and the manifest were written together


def _steps_run(data: Path, args: list[str], env: dict[str, str]) -> list[int]:
    """Run the command with the disk 'full' from write step 1, 2, ... on (a fresh copy of `data` each time) until
    it gets past its last write; the steps at which it was refused."""
    refused = []
    for step in range(1, 30):
        copy = data.parent / f"stap_{step}"
        shutil.copytree(data, copy)
        before = state(copy)
        result = run(copy, *args, **{atomic.FULL_ENV: str(step)}, **env)
        if result.returncode == 0:
            assert state(copy) != before
            return refused
        assert_refused_safely(result, before, copy, "ulimit -f")
        refused.append(step)
        shutil.rmtree(copy)
    raise AssertionError("de opdracht kwam nooit voorbij haar laatste schrijfstap")


@pytest.mark.parametrize("start", ["generatie", "leeg"])
def test_ingest_fails_safely_at_every_write_step(start: str, tmp_path: Path):
    """From an existing generation, and from nothing (then first the base generation and its HUIDIG)."""
    data = data_copy(tmp_path)
    if start == "generatie":
        assert run(data, "ingest", str(contract_file(tmp_path, 1))).returncode == 0
    refused = _steps_run(data, ["ingest", str(contract_file(tmp_path, 2))], {})
    # folder, the tables, info + manifest, numbered, and the temp file of HUIDIG: each refused
    assert refused == list(range(1, len(refused) + 1)) and len(refused) >= (5 if start == "generatie" else 8)


@pytest.mark.parametrize("command", ["ingest-duo", "onderwijsregios"])  # herstel has one write: see above
def test_other_own_data_commands_fail_safely_at_every_write_step(command: str, tmp_path: Path):
    data = data_copy(tmp_path)
    assert run(data, "ingest", str(contract_file(tmp_path, 1))).returncode == 0
    assert run(data, "ingest", str(contract_file(tmp_path, 3))).returncode == 0
    refused = _steps_run(data, _eigen_commands(tmp_path)[command], {})
    assert refused == list(range(1, len(refused) + 1)) and len(refused) >= 5


def test_build_fails_safely_at_every_write_step(tmp_path: Path):
    data = data_copy(tmp_path)
    (data / "indicators.parquet").unlink()  # so the build has something to change
    refused = _steps_run(data, ["build"], {})
    # its release (data/releases.json), then after each of 6 tables the next file (the last: the manifest) fails
    assert refused == list(range(1, 8))


def test_refresh_boundaries_fails_safely_at_every_write_step(tmp_path: Path, pdok):  # noqa: F811
    data = data_copy(tmp_path)
    refused = _steps_run(data, ["refresh-boundaries", "--year", "2031", "--base-url", pdok[0]], {})
    assert refused == list(range(1, 7))  # 3 boundaries, old and new gemeente table, regions: then the manifest


@pytest.fixture
def tiny_disk():
    """A 1 MB tmpfs (root only; skipped where mounting is not permitted), unmounted afterwards. Outside pytest's
    tmp_path (0700), so another user can reach it."""
    mount = Path(tempfile.mkdtemp(prefix="schijf-"))
    mount.chmod(0o755)
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.skip(f"geen tmpfs te koppelen: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
        shutil.rmtree(mount, ignore_errors=True)


def _fill(folder: Path) -> Path:
    """Fill the file system of `folder` up to the last byte."""
    filler = folder / "vulling"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


DAC = "dac_override,-dac_read_search,-fowner"


def _chown(folder: Path, uid: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, uid)


def test_full_read_only_and_forbidden_disk(tiny_disk: Path):
    data = tiny_disk / "data"
    data.mkdir()
    files = tiny_disk / "bestanden"
    files.mkdir()
    for name in ("indicators", "sources", "regions"):  # only what ingest reads; the rest stays on the big disk
        shutil.copy(DATA_DIR / f"{name}.parquet", data)
    env = {"LERARENTEKORT_EIGEN_DIR": str(data / "eigen")}
    assert run(data, "ingest", str(contract_file(files, 1)), **env).returncode == 0
    before = state(data)
    args = ["ingest", str(contract_file(files, 2))]

    filler = _fill(tiny_disk)  # ENOSPC
    assert_refused_safely(run(data, *args, **env), before, data, "de schijf is vol", "Maak ruimte vrij")
    filler.unlink()

    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)  # EROFS
    assert_refused_safely(run(data, *args, **env), before, data, "alleen-lezen")
    subprocess.run(["mount", "-o", "remount,rw", str(tiny_disk)], check=True)

    # EACCES: the data belongs to another user and the command runs as root without the capabilities that let
    # root write anywhere (setpriv drops them), as an operator who is not the owner
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv ontbreekt")
    _chown(data, 65534)
    limited = ["setpriv", f"--bounding-set=-{DAC}", f"--inh-caps=-{DAC}", sys.executable]
    refused = subprocess.run(
        [*limited, "-m", "dashboard", *args],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **env, "LERARENTEKORT_DATA_DIR": str(data), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert_refused_safely(refused, before, data, "geen schrijfrechten", "schrijfrechten op deze map")
    _chown(data, 0)

    done = run(data, *args, **env)  # space, rights and a writable disk back: the same command succeeds
    assert done.returncode == 0, done.stderr
    assert generations.current(data / "eigen").number == 3
