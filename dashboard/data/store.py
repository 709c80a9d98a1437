"""Writing data/ and data/eigen/ as transactions: one lock, and own data in complete generations.

Layout of EIGEN_DIR:
    generaties/000007/     one complete set of own tables (indicators.parquet, sources.parquet,
                           onderwijsregio_gemeenten.parquet: whichever exist) plus info.json; never changed
    HUIDIG                 the name of the generation in use ("000007"), replaced in one atomic step
    generaties/.nieuw-*    a generation being made (only left after a crash; cleanup() removes it)
A reader resolves HUIDIG once and reads every table from that one folder, so rows never come without their
source. A writer takes the lock (beside EIGEN_DIR; with the default layout data/.schrijfslot, so it also guards
data/*.parquet) before it reads the current state and keeps it until the new state is in place.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from dashboard.data.paths import EIGEN_DIR

GENERATIONS = "generaties"
POINTER = "HUIDIG"
INFO = "info.json"
LOCK_NAME = ".schrijfslot"
KEEP = 4  # the generation in use and the 3 before it, plus the 4 newest (so a herstel can be undone by hand)
WAIT_ENV = "LERARENTEKORT_WACHT"
DEFAULT_WAIT = 60.0
# Tests only: kill this process (SIGKILL, as kill -9) at the n-th write step, to prove every step is safe.
CRASH_ENV = "LERARENTEKORT_TEST_CRASH_AT_STEP"
TEMP_PREFIXES = (".nieuw-", ".weg-")

_steps = 0


class LockTimeout(RuntimeError):
    """Another command kept the lock longer than we were willing to wait (Dutch message)."""


@dataclass(frozen=True)
class Generation:
    number: int
    path: Path
    parent: int | None
    description: str
    created: str

    def label(self) -> str:
        return f"generatie {self.number} ({self.description}, {self.created})"


def step(name: str) -> None:
    """A point between two write steps; the crash hook of the tests fires here."""
    global _steps
    _steps += 1
    if os.environ.get(CRASH_ENV) == str(_steps):
        os.kill(os.getpid(), signal.SIGKILL)


# --- lock ----------------------------------------------------------------------------------------------------------


def lock_path(eigen_dir: Path = EIGEN_DIR) -> Path:
    return eigen_dir.parent / LOCK_NAME


def wait_seconds(given: float | None = None) -> float:
    """--wacht, else LERARENTEKORT_WACHT, else 60 s."""
    if given is not None:
        return max(given, 0.0)
    raw = os.environ.get(WAIT_ENV, "")
    try:
        return max(float(raw), 0.0) if raw else DEFAULT_WAIT
    except ValueError:
        raise LockTimeout(f"{WAIT_ENV}='{raw}' is geen aantal seconden.") from None


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def writing(
    eigen_dir: Path = EIGEN_DIR, wait: float | None = None, announce: Callable[[str], None] = _say
) -> Iterator[None]:
    """Hold the write lock. Re-entrant in one process (singleton), so library calls inside a command nest."""
    seconds = wait_seconds(wait)
    path = lock_path(eigen_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, is_singleton=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        announce(f"Wacht op een andere import of opdracht die de data bijwerkt (slot {path}, hooguit {seconds:g} s)...")
        try:
            lock.acquire(timeout=seconds)
        except Timeout:
            raise LockTimeout(
                f"na {seconds:g} s is een andere opdracht nog bezig met de data (slot {path}). Probeer het later "
                "opnieuw, of wacht langer met --wacht SECONDEN."
            ) from None
    try:
        yield
    finally:
        lock.release()


# --- durable small writes ------------------------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")


def atomic_write(target: Path, write: Callable[[Path], None]) -> None:
    """write(temp) next to the target, fsync, rename: a crash leaves the old or the new file, never half.
    The temp file is created by path (not mkstemp), so it gets the umask's mode (0644), readable by a server
    that runs as another user."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target)
    try:
        write(tmp)
        _fsync(tmp)
        step(f"tijdelijk {target.name}")
        os.replace(tmp, target)
        _fsync(target.parent)
    finally:
        tmp.unlink(missing_ok=True)


def write_parquet(frame: pd.DataFrame, target: Path) -> None:
    atomic_write(target, lambda tmp: frame.to_parquet(tmp, index=False))


def remove_temp_files(*folders: Path) -> list[Path]:
    """Hidden temp files (.NAME.*.tmp) a killed writer left behind; call under the lock."""
    found = [p for folder in folders if folder.is_dir() for p in folder.glob(".*.tmp")]
    for path in found:
        path.unlink(missing_ok=True)
    return found


# --- generations ---------------------------------------------------------------------------------------------------


def _name(number: int) -> str:
    return f"{number:06d}"


def _numbers(eigen_dir: Path) -> list[int]:
    folder = eigen_dir / GENERATIONS
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def current_dir(eigen_dir: Path = EIGEN_DIR) -> Path | None:
    """The folder of the generation in use, or None when no generation was ever written."""
    try:
        name = (eigen_dir / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return eigen_dir / GENERATIONS / name


def own_file(name: str, eigen_dir: Path = EIGEN_DIR) -> Path:
    """The file to read for own table `name` (it may not exist). Each generation has its own folder, so a new
    generation is a new path, and caches keyed on path and mtime see it.
    Without HUIDIG the old flat layout (data/eigen/indicators.parquet) is read as it is; the first write moves
    it into generation 1 (see _base)."""
    return (current_dir(eigen_dir) or eigen_dir) / f"{name}.parquet"


def generation(number: int, eigen_dir: Path = EIGEN_DIR) -> Generation | None:
    path = eigen_dir / GENERATIONS / _name(number)
    try:
        info = json.loads((path / INFO).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Generation(number, path, info.get("vorige"), info.get("opdracht", ""), info.get("tijd", ""))


def current(eigen_dir: Path = EIGEN_DIR) -> Generation | None:
    folder = current_dir(eigen_dir)
    return None if folder is None else generation(int(folder.name), eigen_dir)


def table_files(folder: Path) -> dict[str, Path]:
    """The tables in a folder; NAME.vorige.parquet (backups of the old flat layout) is no table."""
    return {p.stem: p for p in sorted(folder.glob("*.parquet")) if "." not in p.stem}


def _set_pointer(eigen_dir: Path, number: int) -> None:
    atomic_write(eigen_dir / POINTER, lambda tmp: tmp.write_text(_name(number) + "\n", encoding="utf-8"))


def _carry(source: Path, target: Path) -> None:
    """A table the new generation keeps unchanged: a hard link (generations are never changed in place)."""
    try:
        os.link(source, target)
    except OSError:  # file system without hard links, or a file owned by another user
        shutil.copyfile(source, target)


def _make(
    eigen_dir: Path, tables: Mapping[str, pd.DataFrame | Path], parent: int | None, description: str
) -> Generation:
    """Write a complete generation in a hidden folder, fsync it, then give it its number (one rename)."""
    folder = eigen_dir / GENERATIONS
    folder.mkdir(parents=True, exist_ok=True)
    number = max(_numbers(eigen_dir), default=0) + 1
    tmp = folder / f".nieuw-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()  # by path, not mkdtemp (0700): the umask gives 0755
    try:
        step("map aangemaakt")
        for name, table in tables.items():
            target = tmp / f"{name}.parquet"
            if isinstance(table, Path):
                _carry(table, target)
            else:
                table.to_parquet(target, index=False)
            _fsync(target)
            step(f"tabel {name}")
        info = {"vorige": parent, "opdracht": description, "tijd": time.strftime("%Y-%m-%d %H:%M:%S")}
        (tmp / INFO).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        _fsync(tmp / INFO)
        _fsync(tmp)
        step("info")
        final = folder / _name(number)
        os.rename(tmp, final)
        _fsync(folder)
        step("genummerd")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Generation(number, final, parent, info["opdracht"], info["tijd"])


def _base(eigen_dir: Path) -> Generation:
    """The state before the first generation, as generation 1: the old flat files (migrated) or nothing.
    So `herstel` after the first import returns to exactly what was there."""
    flat = table_files(eigen_dir)
    described = "overgenomen uit de oude indeling" if flat else "lege begintoestand"
    base = _make(eigen_dir, flat, None, described)
    _set_pointer(eigen_dir, base.number)
    step("begintoestand in gebruik")
    for path in flat.values():  # from here on HUIDIG is read, never the flat files (nor their *.vorige.*)
        path.unlink()
        path.with_name(f"{path.stem}.vorige.parquet").unlink(missing_ok=True)
    return base


def commit_generation(
    tables: Mapping[str, pd.DataFrame | None], eigen_dir: Path = EIGEN_DIR, description: str = ""
) -> Generation:
    """Make a new generation: the given tables (None = drop that table), the others carried over from the
    current one; then switch HUIDIG to it in one step. The previous generation stays untouched."""
    with writing(eigen_dir):
        base = current(eigen_dir) or _base(eigen_dir)
        keep = {name: path for name, path in table_files(base.path).items() if name not in tables}
        new = {name: frame for name, frame in tables.items() if frame is not None}
        made = _make(eigen_dir, {**keep, **new}, base.number, description)
        _set_pointer(eigen_dir, made.number)
        step("in gebruik")
        prune(eigen_dir)
        step("opgeruimd")
        return made


def restore_previous(eigen_dir: Path = EIGEN_DIR) -> tuple[Generation, Generation] | None:
    """Switch back to the generation the current one was made from: (left, restored), or None if there is none."""
    with writing(eigen_dir):
        now = current(eigen_dir)
        previous = None if now is None or now.parent is None else generation(now.parent, eigen_dir)
        if now is None or previous is None:
            return None
        _set_pointer(eigen_dir, previous.number)
        return now, previous


def _chain(eigen_dir: Path, start: Generation | None, length: int) -> set[int]:
    seen: set[int] = set()
    while start is not None and len(seen) < length and start.number not in seen:
        seen.add(start.number)
        start = None if start.parent is None else generation(start.parent, eigen_dir)
    return seen


def prune(eigen_dir: Path = EIGEN_DIR, keep: int = KEEP) -> list[int]:
    """Drop generations beyond the current chain and the newest `keep`. A dropped folder is renamed first, so
    a crash never leaves a numbered generation half deleted."""
    numbers = _numbers(eigen_dir)
    kept = _chain(eigen_dir, current(eigen_dir), keep) | set(numbers[-keep:])
    dropped = [n for n in numbers if n not in kept]
    for number in dropped:
        gone = eigen_dir / GENERATIONS / f".weg-{_name(number)}"
        os.rename(eigen_dir / GENERATIONS / _name(number), gone)
        shutil.rmtree(gone)
    return dropped


def cleanup(eigen_dir: Path = EIGEN_DIR) -> list[Path]:
    """Remove what a killed writer left: unfinished generations, half-deleted ones, temp files. Under the lock."""
    folder = eigen_dir / GENERATIONS
    found = [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIXES)] if folder.is_dir() else []
    if current_dir(eigen_dir) is not None:  # flat files of the old layout that a killed migration left
        found += list(table_files(eigen_dir).values()) + list(eigen_dir.glob("*.vorige.parquet"))
    for path in found:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return found + remove_temp_files(eigen_dir)
