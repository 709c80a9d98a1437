"""Writing data/ and data/eigen/ as transactions: one lock, and own data in complete generations.

Layout of EIGEN_DIR:
    generaties/000007/     one complete set of own tables (indicators.parquet, sources.parquet,
                           onderwijsregio_gemeenten.parquet: whichever exist) plus info.json; never changed
    HUIDIG                 the name of the generation in use ("000007"), replaced in one atomic step
    generaties/.nieuw-*    a generation being made (only left after a crash; cleanup() removes it)
Each generation holds a manifest.json (size and sha256 per file, dashboard.data.integrity), written before HUIDIG
switches to it. A reader resolves HUIDIG once and reads every table from that one folder, so rows never come
without their source. When that generation cannot be read (HUIDIG empty or naming nothing, a file missing,
truncated or changed, info.json not JSON) a reader gets the newest older generation that can be read, or no own
data at all, and the problems (reading()); a writer refuses with a Dutch message (BrokenData).
A write that fails (disk full, size limit, read-only, no rights) raises WriteError in Dutch and leaves nothing
behind: no temp file, no new generation, HUIDIG unchanged. A writer takes the lock (beside EIGEN_DIR; with the
default layout data/.schrijfslot, so it also guards data/*.parquet) before it reads the current state and keeps
it until the new state is in place.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from dashboard.data.errors import BrokenData, WriteError, write_error
from dashboard.data.integrity import MANIFEST, Problem, folder_problems, manifest_text
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
# Tests only: from the n-th write step on, the kernel refuses to let this process write a byte (RLIMIT_FSIZE 0;
# Python ignores SIGXFSZ, so each write fails with EFBIG, as on a full disk), to prove every step fails safely.
FULL_ENV = "LERARENTEKORT_TEST_FULL_AT_STEP"
TEMP_PREFIXES = (".nieuw-", ".weg-")

_steps = 0
log = logging.getLogger(__name__)


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
    if os.environ.get(FULL_ENV) == str(_steps):
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


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


# --- durable small writes ------------------------------------------------------------------------------------------


def _fsync(path: Path) -> None:
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
                _fsync(temps[target])
            step(f"tijdelijk {target.name}")
        for target, tmp in temps.items():
            with guarded((what or {}).get(target, target.name), target):
                os.replace(tmp, target)
        for folder in {target.parent for target in temps}:
            _fsync(folder)
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


# --- generations ---------------------------------------------------------------------------------------------------


def _name(number: int) -> str:
    return f"{number:06d}"


def _numbers(eigen_dir: Path) -> list[int]:
    folder = eigen_dir / GENERATIONS
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def current_dir(eigen_dir: Path = EIGEN_DIR) -> Path | None:
    """The folder HUIDIG names (it may not exist), or None when no generation was ever written."""
    try:
        name = (eigen_dir / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        name = ""
    return eigen_dir / GENERATIONS / name


def pointer(eigen_dir: Path = EIGEN_DIR) -> tuple[int | None, Problem | None]:
    """The number HUIDIG names, and what is wrong with HUIDIG (None, None: no HUIDIG, the old flat layout)."""
    path = eigen_dir / POINTER
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as err:
        return None, Problem(path, f"onleesbaar ({type(err).__name__})")
    if not text:
        return None, Problem(path, "is leeg (hoort het nummer van de generatie in gebruik te bevatten)")
    if not text.isdigit():
        return None, Problem(path, f"bevat geen generatienummer ('{text[:20]}')")
    if not (eigen_dir / GENERATIONS / _name(int(text))).is_dir():
        return int(text), Problem(path, f"wijst naar generatie {int(text)}, die niet bestaat")
    return int(text), None


def generation_problems(folder: Path) -> list[Problem]:
    """What is wrong with a generation: its info.json and every file its manifest names (missing, truncated,
    changed), every table readable. A generation from before manifests is checked on readability only."""
    return folder_problems(folder, required=(INFO,))


def generation(number: int, eigen_dir: Path = EIGEN_DIR) -> Generation | None:
    """Generation `number` as its info.json describes it; None when it has no (readable) info.json."""
    path = eigen_dir / GENERATIONS / _name(number)
    try:
        info = json.loads((path / INFO).read_text(encoding="utf-8"))
        return Generation(number, path, info.get("vorige"), info.get("opdracht", ""), info.get("tijd", ""))
    except (OSError, ValueError, AttributeError):
        return None


def current(eigen_dir: Path = EIGEN_DIR) -> Generation | None:
    number, problem = pointer(eigen_dir)
    return None if number is None or problem else generation(number, eigen_dir)


@dataclass(frozen=True)
class Reading:
    """Where a reader finds the own tables. `problems` says why the generation in HUIDIG is not the one read
    (empty: it is); then `serving` is the newest older generation that can be read, or None: no own data."""

    folder: Path | None  # None: no HUIDIG, the old flat layout in EIGEN_DIR is read as it is
    serving: Generation | None
    problems: tuple[Problem, ...] = ()


def _fallbacks(eigen_dir: Path, number: int | None) -> list[int]:
    """Generations to read instead of a broken `number`: its parent first, then older ones, newest first; all of
    them, newest first, when the number is unknown."""
    older = [n for n in reversed(_numbers(eigen_dir)) if number is None or n < number]
    made = None if number is None else generation(number, eigen_dir)
    parent = made.parent if made and made.parent in older else None
    return ([parent] if parent else []) + [n for n in older if n != parent]


def resolve(eigen_dir: Path = EIGEN_DIR) -> Reading:
    """Check the generation in use and decide what readers read (uncached: reading() caches it)."""
    number, problem = pointer(eigen_dir)
    if number is None and problem is None:
        return Reading(None, None)
    problems = [problem] if problem else generation_problems(eigen_dir / GENERATIONS / _name(number))
    if not problems:
        return Reading(eigen_dir / GENERATIONS / _name(number), generation(number, eigen_dir))
    for candidate in _fallbacks(eigen_dir, number):
        folder = eigen_dir / GENERATIONS / _name(candidate)
        if not generation_problems(folder):
            return Reading(folder, generation(candidate, eigen_dir), tuple(problems))
    return Reading(eigen_dir / GENERATIONS / ".geen", None, tuple(problems))


def signature(path: Path) -> tuple:
    """Cheap: what changes when a file in `path` (a file or a folder) is replaced, cut, grown or touched."""
    try:
        if path.is_dir():
            return tuple(sorted((e.name, *_stat_key(e.stat())) for e in os.scandir(path)))
        return (path.read_bytes()[:64], *_stat_key(path.stat()))
    except OSError:
        return ()


def _stat_key(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_mtime_ns, st.st_size, st.st_ino


def _stats(paths: tuple[Path, ...]) -> tuple:
    """(mtime, size, inode) per path, None when it is gone: replacing, cutting, growing or touching shows."""
    found = []
    for path in paths:
        try:
            found.append(_stat_key(os.stat(path)))
        except OSError:
            found.append(None)
    return tuple(found)


def _files(folder: Path | None) -> tuple[Path, ...]:
    try:
        return tuple(sorted(Path(e.path) for e in os.scandir(folder))) if folder else ()
    except OSError:
        return ()


_readings: dict[str, tuple[tuple[Path, ...], tuple, Reading]] = {}  # eigen_dir -> (watched files, their stats, ...)


def reading(eigen_dir: Path = EIGEN_DIR) -> Reading:
    """resolve(), again only when HUIDIG or a file of the generation it names or of the one read has changed
    (one stat call per file; the pages ask on every view). A new problem is logged once, with file and cause."""
    known = _readings.get(str(eigen_dir))
    if known and _stats(known[0]) == known[1]:
        return known[2]
    named = current_dir(eigen_dir)
    watched = (eigen_dir / POINTER, *((named, *_files(named)) if named else ()))
    before = _stats(watched)
    found = resolve(eigen_dir)
    if found.problems:
        instead = found.serving.label() if found.serving else "de gepubliceerde data zonder imports"
        log.warning(
            "Geïmporteerde data kon niet worden gelezen (%s); in plaats daarvan: %s. Controleer met "
            "'python -m dashboard controle'.",
            "; ".join(p.text() for p in found.problems),
            instead,
        )
    served = tuple(p for p in _files(found.folder) if p not in watched)
    _readings[str(eigen_dir)] = ((*watched, *served), (*before, *_stats(served)), found)
    return found


def own_file(name: str, eigen_dir: Path = EIGEN_DIR) -> Path:
    """The file to read for own table `name` (it may not exist). Each generation has its own folder, so a new
    generation is a new path, and caches keyed on path and mtime see it. A broken generation is passed by
    (reading()). Without HUIDIG the old flat layout (data/eigen/indicators.parquet) is read as it is; the first
    write moves it into generation 1 (see _base)."""
    return (reading(eigen_dir).folder or eigen_dir) / f"{name}.parquet"


def table_files(folder: Path) -> dict[str, Path]:
    """The tables in a folder; NAME.vorige.parquet (backups of the old flat layout) is no table."""
    return {p.stem: p for p in sorted(folder.glob("*.parquet")) if "." not in p.stem}


def _set_pointer(eigen_dir: Path, number: int) -> None:
    atomic_write(
        eigen_dir / POINTER,
        lambda tmp: tmp.write_text(_name(number) + "\n", encoding="utf-8"),
        f"De verwijzing naar de generatie in gebruik (HUIDIG, generatie {number})",
    )


def _carry(source: Path, target: Path) -> None:
    """A table the new generation keeps unchanged: a hard link (generations are never changed in place)."""
    try:
        os.link(source, target)
    except OSError:  # file system without hard links, or a file owned by another user
        shutil.copyfile(source, target)


Extra = Callable[[Path, str], Mapping[str, str]]  # (folder with the new tables, its final name) -> file name: text


def _make(
    eigen_dir: Path,
    tables: Mapping[str, pd.DataFrame | Path],
    parent: int | None,
    description: str,
    extra: Extra | None = None,
) -> Generation:
    """Write a complete generation with its manifest in a hidden folder, fsync it, then give it its number (one
    rename). `extra` adds files made from the written tables (the import's release), before the manifest, so they
    are part of the generation like its tables. A failed write removes the hidden folder and raises WriteError."""
    folder = eigen_dir / GENERATIONS
    what = "De nieuwe generatie eigen data"
    with guarded(what, folder):
        folder.mkdir(parents=True, exist_ok=True)
    number = max(_numbers(eigen_dir), default=0) + 1
    tmp = folder / f".nieuw-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        with guarded(what, folder):
            tmp.mkdir()  # by path, not mkdtemp (0700): the umask gives 0755
        step("map aangemaakt")
        for name, table in tables.items():
            target = tmp / f"{name}.parquet"
            with guarded(f"{what} (tabel {name}.parquet)", folder):
                if isinstance(table, Path):
                    _carry(table, target)
                else:
                    table.to_parquet(target, index=False)
                _fsync(target)
            step(f"tabel {name}")
        for name, text in (extra(tmp, _name(number)) if extra else {}).items():
            with guarded(f"{what} ({name})", folder):
                (tmp / name).write_text(text, encoding="utf-8")
                _fsync(tmp / name)
            step(name)
        info = {"vorige": parent, "opdracht": description, "tijd": time.strftime("%Y-%m-%d %H:%M:%S")}
        with guarded(f"{what} ({INFO} en {MANIFEST})", folder):
            (tmp / INFO).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
            _fsync(tmp / INFO)
            files = {p.name: p for p in sorted(tmp.iterdir())}
            (tmp / MANIFEST).write_text(manifest_text(files), encoding="utf-8")
            _fsync(tmp / MANIFEST)
            _fsync(tmp)
        step("info")
        final = folder / _name(number)
        with guarded(what, folder):
            os.rename(tmp, final)
            _fsync(folder)
        step("genummerd")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Generation(number, final, parent, info["opdracht"], info["tijd"])


def _drop(eigen_dir: Path, number: int) -> None:
    """Remove a numbered generation: renamed first, so a crash never leaves it half deleted."""
    gone = eigen_dir / GENERATIONS / f".weg-{_name(number)}"
    os.rename(eigen_dir / GENERATIONS / _name(number), gone)
    shutil.rmtree(gone)


def _switch(eigen_dir: Path, made: Generation) -> None:
    """HUIDIG -> the generation just made; if that write fails, the new generation goes again (nothing changed)."""
    try:
        _set_pointer(eigen_dir, made.number)
    except WriteError:
        with suppress(OSError):
            _drop(eigen_dir, made.number)
        raise


def _base(eigen_dir: Path) -> Generation:
    """The state before the first generation, as generation 1: the old flat files (copied) or nothing. So
    `herstel` after the first import returns to exactly what was there. Not in use yet: the first import's
    generation is made from it, and only when HUIDIG points at that one are the flat files removed (_migrated)."""
    flat = table_files(eigen_dir)
    described = "overgenomen uit de oude indeling" if flat else "lege begintoestand"
    return _make(eigen_dir, flat, None, described)


def _migrated(eigen_dir: Path) -> None:
    """From here on HUIDIG is read, never the flat files of the old layout (nor their *.vorige.*)."""
    for path in table_files(eigen_dir).values():
        with suppress(OSError):  # what stays is removed by the next command (cleanup)
            path.unlink()
            path.with_name(f"{path.stem}.vorige.parquet").unlink(missing_ok=True)


def _broken(problems: list[Problem], eigen_dir: Path) -> BrokenData:
    instead = resolve(eigen_dir).serving
    back = (
        f"`python -m dashboard herstel` zet {instead.label()} in gebruik (die toont het dashboard nu)"
        if instead
        else "er is geen leesbare generatie om terug te zetten; zet de map uit een back-up terug"
    )
    return BrokenData(
        "de eigen data in gebruik is beschadigd: "
        + "; ".join(p.text() for p in problems)
        + f". Er is niets geschreven. {back[0].upper()}{back[1:]}, en importeer daarna opnieuw."
    )


def sound_current(eigen_dir: Path = EIGEN_DIR) -> Generation | None:
    """For a writer: the generation in use, checked (None: none was ever written). BrokenData when HUIDIG or
    the generation it names cannot be read, so no new generation is built on a broken one."""
    number, problem = pointer(eigen_dir)
    if number is None and problem is None:
        return None
    problems = [problem] if problem else generation_problems(eigen_dir / GENERATIONS / _name(number))
    found = None if problems else generation(number, eigen_dir)
    if found is None:
        raise _broken(problems, eigen_dir)
    return found


def commit_generation(
    tables: Mapping[str, pd.DataFrame | None],
    eigen_dir: Path = EIGEN_DIR,
    description: str = "",
    extra: Extra | None = None,
) -> Generation:
    """Make a new generation: the given tables (None = drop that table), the others carried over from the
    current one, and `extra`'s files; then switch HUIDIG to it in one step. The previous generation stays
    untouched."""
    with writing(eigen_dir):
        base = sound_current(eigen_dir)
        first = None if base is not None else _base(eigen_dir)
        base = base or first
        keep = {name: path for name, path in table_files(base.path).items() if name not in tables}
        new = {name: frame for name, frame in tables.items() if frame is not None}
        try:
            made = _make(eigen_dir, {**keep, **new}, base.number, description, extra)
            _switch(eigen_dir, made)
        except WriteError:  # a failed first import leaves no base generation either: nothing changed
            if first is not None:
                with suppress(OSError):
                    _drop(eigen_dir, first.number)
            raise
        step("in gebruik")
        if first is not None:
            _migrated(eigen_dir)
        prune(eigen_dir)
        step("opgeruimd")
        return made


def restore_previous(eigen_dir: Path = EIGEN_DIR) -> tuple[Generation | None, Generation] | None:
    """Switch back to the generation the current one was made from: (left, restored), or None if there is none.
    When the generation in use cannot be read (left is then None if HUIDIG names none), back to the one the
    dashboard reads instead (reading()); a previous generation that cannot be read is refused (BrokenData)."""
    with writing(eigen_dir):
        number, problem = pointer(eigen_dir)
        if number is None and problem is None:
            return None
        now = None if problem else generation(number, eigen_dir)
        problems = [problem] if problem else generation_problems(eigen_dir / GENERATIONS / _name(number))
        if problems or now is None:
            instead = resolve(eigen_dir).serving
            if instead is None:
                raise _broken(problems, eigen_dir)
            _set_pointer(eigen_dir, instead.number)
            return now, instead
        previous = None if now.parent is None else generation(now.parent, eigen_dir)
        if previous is None:
            return None
        if broken := generation_problems(previous.path):
            raise BrokenData(
                f"{previous.label()} is beschadigd: "
                + "; ".join(p.text() for p in broken)
                + f". Er is niets gewijzigd; {now.label()} blijft in gebruik."
            )
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
        try:
            _drop(eigen_dir, number)
        except OSError as err:  # the new state is in place; a leftover is removed by a later command
            _say(
                f"Let op: oude generatie {number} kon niet worden opgeruimd ({err.strerror or err}); de nieuwe "
                "generatie staat wel in gebruik."
            )
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
