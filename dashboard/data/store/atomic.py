"""The write primitive under every command: one lock, and files that are old or new, never half.

- `writing()`: the write lock (data/.schrijfslot with the default layout, beside EIGEN_DIR, so it also guards
  data/*.parquet). A writer takes it before it reads the current state and keeps it until the new state is in
  place; a second writer waits (--wacht, LERARENTEKORT_WACHT, 60 s) and then gives up (LockTimeout, Dutch).
- `atomic_write()` / `write_group()`: write a temp file beside the target, fsync, rename. A crash leaves the old or
  the new file; a failed write (disk full, size limit, read-only, no rights) raises WriteError in Dutch and leaves
  the old files and no temp file. `write_tables()`: the built data/*.parquet with their manifest as one group.
- `step()`: the points between write steps, where the tests crash or fill the disk to prove each one safe.
The generations of own data are built on this (dashboard.data.store.generations, dashboard.data.store.transactions).
"""

from __future__ import annotations

import os
import signal
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from dashboard.data.model.errors import WriteError, write_error
from dashboard.data.model.paths import EIGEN_DIR
from dashboard.data.store.integrity import MANIFEST, manifest_text, table_files

LOCK_NAME = ".schrijfslot"
WAIT_ENV = "LERARENTEKORT_WACHT"
DEFAULT_WAIT = 60.0
# Tests only: kill this process (SIGKILL, as kill -9) at the n-th write step, to prove every step is safe.
CRASH_ENV = "LERARENTEKORT_TEST_CRASH_AT_STEP"
# Tests only: from the n-th write step on, the kernel refuses to let this process write a byte (RLIMIT_FSIZE 0;
# Python ignores SIGXFSZ, so each write fails with EFBIG, as on a full disk), to prove every step fails safely.
FULL_ENV = "LERARENTEKORT_TEST_FULL_AT_STEP"

_steps = 0


class LockTimeout(RuntimeError):
    """Another command kept the lock longer than we were willing to wait (Dutch message)."""


def step(name: str) -> None:
    """A point between two write steps; the crash hook of the tests fires here."""
    global _steps
    _steps += 1
    if os.environ.get(CRASH_ENV) == str(_steps):
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(FULL_ENV) == str(_steps):
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


def say(message: str) -> None:
    """A note for the operator on stderr (waiting for the lock, a leftover not cleaned up)."""
    print(message, file=sys.stderr, flush=True)


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


@contextmanager
def writing(
    eigen_dir: Path = EIGEN_DIR, wait: float | None = None, announce: Callable[[str], None] = say
) -> Iterator[None]:
    """Hold the write lock. Re-entrant in one process (singleton), so library calls inside a command nest."""
    seconds = wait_seconds(wait)
    path = lock_path(eigen_dir)
    lock = FileLock(path, is_singleton=True)
    with guarded("Het schrijfslot", path):
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:  # before OSError: filelock's Timeout is a TimeoutError
        announce(f"Wacht op een andere import of opdracht die de data bijwerkt (slot {path}, hooguit {seconds:g} s)...")
        try:
            lock.acquire(timeout=seconds)
        except Timeout:
            raise LockTimeout(
                f"na {seconds:g} s is een andere opdracht nog bezig met de data (slot {path}). Probeer het later "
                "opnieuw, of wacht langer met --wacht SECONDEN."
            ) from None
    except OSError as err:  # the lock file cannot be created (read-only, no rights)
        raise write_error(err, "Het schrijfslot", path) from err
    try:
        yield
    finally:
        lock.release()


# --- durable writes ------------------------------------------------------------------------------------------------


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")


@contextmanager
def guarded(what: str, where: Path) -> Iterator[None]:
    """An OSError in this block (disk full, size limit, read-only, no rights) becomes a Dutch WriteError."""
    try:
        yield
    except WriteError:
        raise
    except OSError as err:
        raise write_error(err, what, where) from err


def atomic_write(target: Path, write: Callable[[Path], None], what: str | None = None) -> None:
    """write(temp) next to the target, fsync, rename: a crash leaves the old or the new file, never half, and a
    failed write (WriteError) leaves the old file and no temp file.
    The temp file is created by path (not mkstemp), so it gets the umask's mode (0644), readable by a server
    that runs as another user."""
    write_group({target: write}, {target: what} if what else None)


def write_group(writes: Mapping[Path, Callable[[Path], None]], what: Mapping[Path, str] | None = None) -> None:
    """Several files as one step as far as a failed write goes: every file is first written (and fsynced) as a
    temp file beside its target; only when all are there are they renamed, in the given order. A failed write
    removes every temp file and raises WriteError naming the file: the old files are all still in place."""
    temps: dict[Path, Path] = {}
    try:
        for target, write in writes.items():
            with guarded((what or {}).get(target, target.name), target):
                target.parent.mkdir(parents=True, exist_ok=True)
                temps[target] = _temp_name(target)
                write(temps[target])
                fsync(temps[target])
            step(f"tijdelijk {target.name}")
        for target, tmp in temps.items():
            with guarded((what or {}).get(target, target.name), target):
                os.replace(tmp, target)
        for folder in {target.parent for target in temps}:
            fsync(folder)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


def write_parquet(frame: pd.DataFrame, target: Path) -> None:
    atomic_write(target, lambda tmp: frame.to_parquet(tmp, index=False))


def write_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: Path, also: Mapping[Path, Callable[[Path], None]] | None = None
) -> None:
    """Tables as out_dir/NAME.parquet plus out_dir/manifest.json (size and sha256 of every Parquet file in
    out_dir, the new ones included), all via write_group: a failed write changes none of them. `also`: more
    files written in the same group, before the tables (refresh-boundaries: the boundaries and gemeente table)."""
    frames = {out_dir / f"{name}.parquet": frame for name, frame in tables.items()}
    writes: dict[Path, Callable[[Path], None]] = dict(also or {})
    written: dict[Path, Path] = {}  # target -> its temp file, for the manifest

    def parquet(frame: pd.DataFrame, target: Path) -> Callable[[Path], None]:
        def write(tmp: Path) -> None:
            frame.to_parquet(tmp, index=False)
            written[target] = tmp

        return write

    def manifest(tmp: Path) -> None:
        files = {p.name: p for p in table_files(out_dir).values()}
        files.update({target.name: temp for target, temp in written.items()})
        tmp.write_text(manifest_text(files), encoding="utf-8")

    writes.update({target: parquet(frame, target) for target, frame in frames.items()})
    writes[out_dir / MANIFEST] = manifest
    write_group(writes, {out_dir / MANIFEST: "Het manifest van de gebouwde dataset"})


def remove_temp_files(*folders: Path) -> list[Path]:
    """Hidden temp files (.NAME.*.tmp) a killed writer left behind; call under the lock."""
    found = [p for folder in folders if folder.is_dir() for p in folder.glob(".*.tmp")]
    for path in found:
        path.unlink(missing_ok=True)
    return found
