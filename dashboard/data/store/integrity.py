"""Knowing what is on disk: manifests (size and sha256 per file) and checks that name every missing, truncated,
unreadable or changed file. Pure functions over files; no Streamlit.

A manifest is `manifest.json` in the folder it describes: {"bestanden": {name: {"bytes": n, "sha256": hex}}}.
Each generation of own data carries one (written before HUIDIG switches to it), and so does data/ for the built
`data/*.parquet` (written with them by `build` and `refresh-boundaries`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Problem:
    """One file that is not as it should be, with the cause in Dutch (for the operator: log and `controle`)."""

    path: Path
    cause: str

    def text(self) -> str:
        return f"{self.path}: {self.cause}"

    def short(self, root: Path) -> str:
        """The same without the server's folders above `root` (for answers over HTTP)."""
        try:
            where = self.path.relative_to(root)
        except ValueError:
            where = Path(self.path.parent.name) / self.path.name
        return f"{where}: {self.cause}"


def table_files(folder: Path) -> dict[str, Path]:
    """The tables in a folder; NAME.vorige.parquet (backups of the old flat layout) is no table."""
    return {p.stem: p for p in sorted(folder.glob("*.parquet")) if "." not in p.stem}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe(files: Mapping[str, Path]) -> dict:
    """The manifest of these files: name in the folder -> the file to measure (a temp file may stand in for it)."""
    return {"bestanden": {name: {"bytes": p.stat().st_size, "sha256": sha256(p)} for name, p in files.items()}}


def manifest_text(files: Mapping[str, Path]) -> str:
    return json.dumps(describe(files), indent=1, sort_keys=True) + "\n"


def read_manifest(folder: Path) -> dict[str, dict] | Problem | None:
    """The entries of folder/manifest.json; None when there is none; a Problem when it cannot be read."""
    path = folder / MANIFEST
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["bestanden"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as err:
        return Problem(path, f"manifest onleesbaar ({type(err).__name__})")
    if not isinstance(entries, dict):
        return Problem(path, "manifest onleesbaar (geen lijst van bestanden)")
    return entries


def against_manifest(path: Path, entry: dict, full: bool = True) -> Problem | None:
    """Missing, truncated, grown or changed compared with its manifest entry (full: also the sha256)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Problem(path, "ontbreekt")
    expected = entry.get("bytes")
    if isinstance(expected, int) and size < expected:
        return Problem(path, f"afgekapt: {size} van {expected} bytes")
    if isinstance(expected, int) and size != expected:
        return Problem(path, f"grootte gewijzigd: {size} bytes, volgens het manifest {expected}")
    try:
        if full and sha256(path) != entry.get("sha256"):
            return Problem(path, "inhoud gewijzigd (sha256 wijkt af van het manifest)")
    except OSError as err:
        return Problem(path, f"onleesbaar ({err.strerror or type(err).__name__})")
    return None


def parquet_problem(path: Path) -> Problem | None:
    """Missing or not a readable Parquet file (its footer is read: a cut-off file has none)."""
    if not path.exists():
        return Problem(path, "ontbreekt")
    try:
        pq.read_metadata(path)
    except Exception as err:  # noqa: BLE001 (pyarrow raises several types; each means: unreadable)
        return Problem(path, f"onleesbaar: geen geldig Parquet-bestand ({type(err).__name__})")
    return None


def json_problem(path: Path) -> Problem | None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Problem(path, "ontbreekt")
    except (OSError, ValueError) as err:
        return Problem(path, f"onleesbaar: geen geldige JSON ({type(err).__name__})")
    return None


def folder_problems(folder: Path, required: Iterable[str] = (), full: bool = True) -> list[Problem]:
    """Every problem with the files of `folder`: each file its manifest names (missing, truncated, changed), each
    Parquet and JSON file readable, and the `required` files present."""
    entries = read_manifest(folder)
    if isinstance(entries, Problem):
        return [entries]
    found: dict[Path, Problem] = {}
    for name, entry in (entries or {}).items():
        problem = against_manifest(folder / name, entry if isinstance(entry, dict) else {}, full)
        if problem:
            found[problem.path] = problem
    names = set(required) | set(entries or {}) | {p.name for p in folder.glob("*.parquet")}
    for name in sorted(names):
        path = folder / name
        if path in found:
            continue
        problem = parquet_problem(path) if name.endswith(".parquet") else json_problem(path)
        if problem:
            found[path] = problem
    return sorted(found.values(), key=lambda p: p.path.name)
