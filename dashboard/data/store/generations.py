"""The own data as generations on disk, and which one a reader reads. Reading only: making a generation and
switching to it is dashboard.data.store.transactions.

Layout of EIGEN_DIR:
    generaties/000007/     one complete set of own tables (indicators.parquet, sources.parquet,
                           onderwijsregio_gemeenten.parquet: whichever exist) plus info.json and manifest.json
                           (size and sha256 per file, dashboard.data.store.integrity); never changed
    HUIDIG                 the name of the generation in use ("000007"), replaced in one atomic step
A reader resolves HUIDIG once and reads every table from that one folder, so rows never come without their
source. When that generation cannot be read (HUIDIG empty or naming nothing, a file missing, truncated or
changed, info.json not JSON) a reader gets the newest older generation that can be read, or no own data at all,
and the problems (reading()). Without HUIDIG the old flat layout (EIGEN_DIR/indicators.parquet) is read as it is.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.model.paths import EIGEN_DIR
from dashboard.data.store.integrity import Problem, folder_problems

GENERATIONS = "generaties"
POINTER = "HUIDIG"
INFO = "info.json"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Generation:
    number: int
    path: Path
    parent: int | None
    description: str
    created: str

    def label(self) -> str:
        return f"generatie {self.number} ({self.description}, {self.created})"


def folder_name(number: int) -> str:
    """The folder of generation `number` in generaties/ ("000007")."""
    return f"{number:06d}"


def numbers(eigen_dir: Path) -> list[int]:
    """The numbered generations on disk, oldest first."""
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
    if not (eigen_dir / GENERATIONS / folder_name(int(text))).is_dir():
        return int(text), Problem(path, f"wijst naar generatie {int(text)}, die niet bestaat")
    return int(text), None


def generation_problems(folder: Path) -> list[Problem]:
    """What is wrong with a generation: its info.json and every file its manifest names (missing, truncated,
    changed), every table readable. A generation from before manifests is checked on readability only."""
    return folder_problems(folder, required=(INFO,))


def generation(number: int, eigen_dir: Path = EIGEN_DIR) -> Generation | None:
    """Generation `number` as its info.json describes it; None when it has no (readable) info.json."""
    path = eigen_dir / GENERATIONS / folder_name(number)
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
    older = [n for n in reversed(numbers(eigen_dir)) if number is None or n < number]
    made = None if number is None else generation(number, eigen_dir)
    parent = made.parent if made and made.parent in older else None
    return ([parent] if parent else []) + [n for n in older if n != parent]


def resolve(eigen_dir: Path = EIGEN_DIR) -> Reading:
    """Check the generation in use and decide what readers read (uncached: reading() caches it)."""
    number, problem = pointer(eigen_dir)
    if number is None and problem is None:
        return Reading(None, None)
    problems = [problem] if problem else generation_problems(eigen_dir / GENERATIONS / folder_name(number))
    if not problems:
        return Reading(eigen_dir / GENERATIONS / folder_name(number), generation(number, eigen_dir))
    for candidate in _fallbacks(eigen_dir, number):
        folder = eigen_dir / GENERATIONS / folder_name(candidate)
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
    write moves it into generation 1 (dashboard.data.store.transactions)."""
    return (reading(eigen_dir).folder or eigen_dir) / f"{name}.parquet"
