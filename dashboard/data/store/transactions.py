"""Writing own data as transactions: a new generation is made complete, then HUIDIG switches to it in one step.

Every writer holds the lock (dashboard.data.store.atomic.writing) from before it reads the current state until the new
state is in place. A generation is written in a hidden folder (generaties/.nieuw-*), with its manifest, fsynced,
and only then numbered (one rename) and put in use (HUIDIG replaced atomically), so a crash leaves the previous
or the new state complete; a failed write raises WriteError in Dutch and leaves nothing behind (no temp file, no
new generation, HUIDIG unchanged). A writer refuses to build on a generation that cannot be read (BrokenData,
Dutch). `herstel` switches back (restore_previous); old generations are pruned, leftovers of a killed writer
removed (cleanup). The layout and what readers read: dashboard.data.store.generations.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path

import pandas as pd

from dashboard.data.model.errors import BrokenData, WriteError
from dashboard.data.model.paths import EIGEN_DIR
from dashboard.data.store.atomic import atomic_write, fsync, guarded, remove_temp_files, say, step, writing
from dashboard.data.store.generations import (
    GENERATIONS,
    INFO,
    POINTER,
    Generation,
    current,
    current_dir,
    folder_name,
    generation,
    generation_problems,
    numbers,
    pointer,
    resolve,
)
from dashboard.data.store.integrity import MANIFEST, Problem, manifest_text, table_files

KEEP = 4  # the generation in use and the 3 before it, plus the 4 newest (so a herstel can be undone by hand)
NEW_PREFIX = ".nieuw-"  # generaties/.nieuw-*: a generation being made (only left after a crash)
GONE_PREFIX = ".weg-"  # generaties/.weg-*: a generation being removed (only left after a crash)
TEMP_PREFIXES = (NEW_PREFIX, GONE_PREFIX)


def _set_pointer(eigen_dir: Path, number: int) -> None:
    atomic_write(
        eigen_dir / POINTER,
        lambda tmp: tmp.write_text(folder_name(number) + "\n", encoding="utf-8"),
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
    number = max(numbers(eigen_dir), default=0) + 1
    tmp = folder / f"{NEW_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
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
                fsync(target)
            step(f"tabel {name}")
        for name, text in (extra(tmp, folder_name(number)) if extra else {}).items():
            with guarded(f"{what} ({name})", folder):
                (tmp / name).write_text(text, encoding="utf-8")
                fsync(tmp / name)
            step(name)
        info = {"vorige": parent, "opdracht": description, "tijd": time.strftime("%Y-%m-%d %H:%M:%S")}
        with guarded(f"{what} ({INFO} en {MANIFEST})", folder):
            (tmp / INFO).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
            fsync(tmp / INFO)
            files = {p.name: p for p in sorted(tmp.iterdir())}
            (tmp / MANIFEST).write_text(manifest_text(files), encoding="utf-8")
            fsync(tmp / MANIFEST)
            fsync(tmp)
        step("info")
        final = folder / folder_name(number)
        with guarded(what, folder):
            os.rename(tmp, final)
            fsync(folder)
        step("genummerd")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Generation(number, final, parent, info["opdracht"], info["tijd"])


def _drop(eigen_dir: Path, number: int) -> None:
    """Remove a numbered generation: renamed first, so a crash never leaves it half deleted."""
    gone = eigen_dir / GENERATIONS / f"{GONE_PREFIX}{folder_name(number)}"
    os.rename(eigen_dir / GENERATIONS / folder_name(number), gone)
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
    problems = [problem] if problem else generation_problems(eigen_dir / GENERATIONS / folder_name(number))
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
    dashboard reads instead (generations.reading()); a previous generation that cannot be read is refused
    (BrokenData)."""
    with writing(eigen_dir):
        number, problem = pointer(eigen_dir)
        if number is None and problem is None:
            return None
        now = None if problem else generation(number, eigen_dir)
        problems = [problem] if problem else generation_problems(eigen_dir / GENERATIONS / folder_name(number))
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
    on_disk = numbers(eigen_dir)
    kept = _chain(eigen_dir, current(eigen_dir), keep) | set(on_disk[-keep:])
    dropped = [n for n in on_disk if n not in kept]
    for number in dropped:
        try:
            _drop(eigen_dir, number)
        except OSError as err:  # the new state is in place; a leftover is removed by a later command
            say(
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
