"""Imports as transactions: parallel commands queue on one lock, a kill -9 at any write step leaves exactly the
old or the new generation, herstel returns to exactly the previous one, and files are readable by others."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pandas as pd
import pytest

import dashboard.__main__ as cli
from dashboard.data.intake.ingest import read_own
from dashboard.data.model.contract import SCHEMAS
from dashboard.data.model.paths import REPO_DIR
from dashboard.data.store import atomic, generations
from dashboard.data.store import transactions as store

HEADER = ";".join([*SCHEMAS["indicators"].column_names, "bron_titel", "bron_uitgever"])
GEMEENTEN = ("GM0014", "GM0034", "GM0363", "GM0518", "GM0344")


def contract_file(folder: Path, number: int, rows: int = 2) -> Path:
    """A small valid import with its own source EIGEN-TEST_<number>."""
    lines = [
        f"tekort_pct;po;;gemeente;{code};Gemeente;;2024-10-01;2024;{number},{i};%;meting;secondary;TEST_{number};"
        f"test;Meting {number};Bestuur {number}"
        for i, code in enumerate(GEMEENTEN[:rows])
    ]
    path = folder / f"import_{number}.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def snapshot(eigen: Path) -> tuple[str, ...]:
    """The own data as a reader sees it, in a canonical text form (order of rows does not matter)."""
    indicators, sources = read_own(eigen)
    definition = generations.own_file("onderwijsregio_gemeenten", eigen)
    tables = [indicators, sources, pd.read_parquet(definition) if definition.exists() else pd.DataFrame()]
    return tuple(t.sort_values(list(t.columns)).to_csv(index=False) if len(t) else "" for t in tables)


def assert_consistent(eigen: Path) -> None:
    indicators, sources = read_own(eigen)
    assert set(indicators["source_id"]) == set(sources["source_id"])  # no rows without source, no empty source


def leftovers(eigen: Path) -> list[Path]:
    return [p for p in eigen.rglob("*") if p.name.startswith((".nieuw-", ".weg-")) or p.name.endswith(".tmp")]


@pytest.fixture
def eigen(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "eigen"
    monkeypatch.setattr(cli, "EIGEN_DIR", folder)
    return folder


def _env(eigen: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "LERARENTEKORT_EIGEN_DIR": str(eigen), **extra}


def test_parallel_imports_all_survive_and_rows_match_sources(tmp_path: Path):
    eigen = tmp_path / "eigen"
    files = [contract_file(tmp_path, n) for n in range(1, 6)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "dashboard", "ingest", str(path)],
            cwd=REPO_DIR,
            env=_env(eigen),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    outcomes = [(run.wait(timeout=120), run.stdout.read(), run.stderr.read()) for run in runs]
    _, sources = read_own(eigen)
    for number, (code, out, err) in enumerate(outcomes, start=1):
        if code == 0:
            assert "2 rijen toegevoegd" in out
            assert f"EIGEN-TEST_{number}" in set(sources["source_id"]), f"import {number} said added but is lost"
        else:  # refused after waiting: it must say so, and must not be in the data
            assert code == 1 and "Afgewezen" in err and f"EIGEN-TEST_{number}" not in set(sources["source_id"])
    assert sum(code == 0 for code, _, _ in outcomes) == len(sources) == 5  # the default wait (60 s) is enough
    assert_consistent(eigen)
    assert not leftovers(eigen)


def _in_thread(argv: list[str]) -> int:
    """cli.main in another thread: it has its own hold on the file lock, so it waits like another process."""
    codes: list[int] = []
    worker = threading.Thread(target=lambda: codes.append(cli.main(argv)))
    worker.start()
    worker.join(30)
    return codes[0]


def test_second_command_waits_then_refuses_with_dutch_message(eigen: Path, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv(atomic.WAIT_ENV, "0.5")
    with atomic.writing(eigen):
        assert _in_thread(["ingest", str(contract_file(tmp_path, 1))]) == 1
    err = capsys.readouterr().err
    assert "Wacht op een andere import" in err
    assert "Afgewezen: na 0.5 s is een andere opdracht nog bezig met de data" in err and "--wacht SECONDEN" in err
    assert "Er is niets gewijzigd." in err and not eigen.exists()


def test_wacht_option_after_the_command_and_waiting_then_going_on(eigen: Path, tmp_path: Path, capsys):
    path = contract_file(tmp_path, 1)
    codes: list[int] = []
    with atomic.writing(eigen):
        assert _in_thread(["ingest", "--wacht", "0.2", str(path)]) == 1
        assert "na 0.2 s" in capsys.readouterr().err
        waiting = threading.Thread(target=lambda: codes.append(cli.main(["--wacht", "30", "ingest", str(path)])))
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()  # still waiting while we hold the lock
    waiting.join(30)
    assert codes == [0] and "Wacht op een andere import" in capsys.readouterr().err
    assert len(read_own(eigen)[1]) == 1


def test_herstel_after_two_imports_returns_exactly_the_first(eigen: Path, tmp_path: Path, capsys):
    assert cli.main(["ingest", str(contract_file(tmp_path, 1))]) == 0
    first = snapshot(eigen)
    assert cli.main(["ingest", str(contract_file(tmp_path, 2, rows=3))]) == 0
    assert "als generatie 3; de vorige (generatie 2) blijft bewaard" in capsys.readouterr().out
    assert snapshot(eigen) != first
    assert cli.main(["herstel"]) == 0
    assert "Terug naar generatie 2 (ingest import_1.csv" in capsys.readouterr().out
    assert snapshot(eigen) == first
    assert cli.main(["herstel"]) == 0  # and once more: the empty state before the first import
    assert snapshot(eigen) == ("", "", "")
    assert cli.main(["herstel"]) == 1
    assert "geen vorige versie" in capsys.readouterr().err


def test_definition_and_figures_switch_together_and_come_back_separately(eigen: Path, tmp_path: Path):
    assert cli.main(["ingest", str(contract_file(tmp_path, 1))]) == 0
    figures = snapshot(eigen)
    indeling = tmp_path / "indeling.csv"
    indeling.write_text("onderwijsregio;sector;gemeentecode\nNoord;po;14\n")
    assert cli.main(["onderwijsregios", str(indeling)]) == 0
    with_definition = snapshot(eigen)
    assert with_definition[:2] == figures[:2] and with_definition[2]  # the figures were carried over
    assert cli.main(["ingest", str(contract_file(tmp_path, 2))]) == 0
    assert snapshot(eigen)[2] == with_definition[2]  # and the definition too
    assert cli.main(["herstel"]) == 0 and snapshot(eigen) == with_definition
    assert cli.main(["herstel"]) == 0 and snapshot(eigen) == figures


def _crashing_run(run, step: int) -> int:
    """run() in a forked child that kills itself (SIGKILL, as kill -9) at write step `step`; its exit code."""
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        code = 98
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            os.environ[atomic.CRASH_ENV] = str(step)
            atomic._steps = 0
            code = run()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _write_phase(eigen: Path, checked: tuple[pd.DataFrame, pd.DataFrame]) -> int:
    """What `ingest` does once the file is checked: merge with the current own data, commit a generation."""
    from dashboard.data.intake.ingest import merge_own, write_own

    with atomic.writing(eigen):
        write_own(*merge_own(read_own(eigen), checked)[0], eigen_dir=eigen)
    return 0


def _flat_layout(folder: Path, tmp_path: Path, tables) -> None:
    """The layout before generations: data/eigen/indicators.parquet, sources.parquet and a *.vorige.parquet."""
    from dashboard.data.intake.ingest import check_upload

    raw = contract_file(tmp_path, 7).read_bytes()
    indicators, sources = check_upload(raw, "oud.csv", tables["sources"], tables["regions"])
    folder.mkdir(parents=True)
    indicators.to_parquet(folder / "indicators.parquet", index=False)
    sources.to_parquet(folder / "sources.parquet", index=False)
    indicators.head(1).to_parquet(folder / "indicators.vorige.parquet", index=False)


@pytest.mark.parametrize("start", ["leeg", "oude indeling", "generatie"])
def test_kill_at_every_write_step_leaves_old_or_new_state(start: str, tmp_path: Path, monkeypatch, tables):
    """From an existing generation the whole `ingest` command runs in the child; from an empty store or the old
    layout (more steps: first the base generation) only its write phase, to keep the test fast."""
    from dashboard.data.intake.ingest import check_upload

    template = tmp_path / "template"
    new_file = contract_file(tmp_path, 2, rows=3)
    checked = check_upload(new_file.read_bytes(), new_file.name, tables["sources"], tables["regions"])
    if start == "oude indeling":
        _flat_layout(template, tmp_path, tables)
    elif start == "generatie":
        monkeypatch.setattr(cli, "EIGEN_DIR", template)
        assert cli.main(["ingest", str(contract_file(tmp_path, 1))]) == 0
    before = snapshot(template)
    done_at = None
    for step in range(1, 40):
        eigen = tmp_path / f"eigen_{step}"
        if template.exists():
            shutil.copytree(template, eigen)
        monkeypatch.setattr(cli, "EIGEN_DIR", eigen)
        if start == "generatie":
            code = _crashing_run(lambda: cli.main(["ingest", str(new_file)]), step)
        else:
            code = _crashing_run(partial(_write_phase, eigen, checked), step)
        if code == 0:  # past the last write step: the import ran to the end
            done_at = step
            assert snapshot(eigen) != before
            break
        assert code == -9, f"step {step}: exit {code}"
        state = snapshot(eigen)
        assert_consistent(eigen)
        if state == before:  # killed before the switch: the next command cleans up, herstel goes one further back
            restored = cli.main(["herstel"])
            assert leftovers(eigen) == []
            assert restored == (0 if start == "generatie" else 1)  # before "generatie" lies the empty state
            assert snapshot(eigen) == (("", "", "") if start == "generatie" else before)
        else:  # killed after the switch: the new state is complete, and herstel returns exactly the old one
            assert "EIGEN-TEST_2" in state[1] and state[0].count("TEST_2") == 3
            assert cli.main(["herstel"]) == 0
            assert leftovers(eigen) == []
            assert snapshot(eigen) == before
        if start == "oude indeling":
            assert not list(eigen.glob("*.parquet")) or generations.current_dir(eigen) is None
    assert done_at is not None and done_at > 6  # there were several write steps to kill, and we killed at each


def test_flat_layout_is_read_then_migrated_into_a_generation(eigen: Path, tmp_path: Path, tables, capsys):
    _flat_layout(eigen, tmp_path, tables)
    old = snapshot(eigen)
    assert "EIGEN-TEST_7" in old[1]  # read as it is before any write
    assert cli.main(["ingest", str(contract_file(tmp_path, 2))]) == 0
    assert not list(eigen.glob("*.parquet"))  # the flat files (and their *.vorige.*) are gone
    assert "EIGEN-TEST_7" in snapshot(eigen)[1] and "EIGEN-TEST_2" in snapshot(eigen)[1]
    assert cli.main(["herstel"]) == 0
    assert "generatie 1 (overgenomen uit de oude indeling" in capsys.readouterr().out
    assert snapshot(eigen) == old


def test_generations_are_bounded_but_keep_the_chain(tmp_path: Path):
    eigen = tmp_path / "eigen"
    frame = pd.DataFrame({"a": [1]})
    for _ in range(10):
        made = store.commit_generation({"x": frame}, eigen, "test")
    numbers = sorted(int(p.name) for p in (eigen / generations.GENERATIONS).iterdir())
    assert numbers == list(range(made.number - store.KEEP + 1, made.number + 1))
    for _ in range(3):
        assert store.restore_previous(eigen) is not None
    store.commit_generation({"x": frame}, eigen, "test")
    assert generations.current(eigen).parent == made.number - 3  # made from the restored one, which is kept
    assert len(list((eigen / generations.GENERATIONS).iterdir())) <= 2 * store.KEEP


def test_files_and_folders_are_readable_by_others(eigen: Path, tmp_path: Path):
    old = os.umask(0o022)
    try:
        assert cli.main(["ingest", str(contract_file(tmp_path, 1))]) == 0
        atomic.write_parquet(pd.DataFrame({"a": [1]}), tmp_path / "gebouwd" / "tabel.parquet")
        atomic.atomic_write(tmp_path / "gebouwd" / "tekst.csv", lambda p: p.write_text("a\n"))
    finally:
        os.umask(old)
    files = [p for p in [*eigen.rglob("*"), *(tmp_path / "gebouwd").iterdir()] if p.is_file()]
    assert len(files) >= 6
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    for path in [eigen, *(p for p in eigen.rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o755, path


def test_a_new_generation_is_a_new_cache_key_for_readers(eigen: Path, tmp_path: Path, monkeypatch):
    from dashboard import cache
    from dashboard.data.store import load

    monkeypatch.setattr(load, "EIGEN_DIR", eigen)
    published = len(cache.table("sources"))
    assert cli.main(["ingest", str(contract_file(tmp_path, 1))]) == 0
    first = load.own_path("sources")
    assert len(cache.table("sources")) == published + 1
    assert cli.main(["ingest", str(contract_file(tmp_path, 2))]) == 0
    assert load.own_path("sources") != first and len(cache.table("sources")) == published + 2
    assert cli.main(["herstel"]) == 0
    assert load.own_path("sources") == first and len(cache.table("sources")) == published + 1
