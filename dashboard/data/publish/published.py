"""The dataset as served by the open data API: plain Parquet reads, no Streamlit, cached on file versions.

A snapshot holds the published tables with this server's own imports merged in (data/eigen/, the same rows the
pages show every visitor; a browser session's upload is never in it) and the dataset version: a content hash of
every file read, so two servers with the same data give the same version (mtimes differ after a git checkout).
dashboard/cache.py caches it on (path, mtime, size) of those files: a rebuild or import shows up without a restart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.model.paths import DATA_DIR, EIGEN_DIR
from dashboard.data.store.generations import GENERATIONS, own_file

TABLES = ("indicators", "sources", "regions", "onderwijsregios", "onderwijsregio_gemeenten", "onderwijsregio_leden")
OWN_TABLES = ("indicators", "sources")  # merged into the published table
OWN_DEFINITION = "onderwijsregio_gemeenten"  # replaces the shipped approximation when imported


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, pd.DataFrame]
    version: str
    own_definition: bool  # the onderwijsregio definition was imported on this server


def own_folder(eigen_dir: Path = EIGEN_DIR) -> Path:
    """Where the own tables in use are: the current generation, or the old flat layout (EIGEN_DIR itself)."""
    return own_file(OWN_DEFINITION, eigen_dir).parent


def files_in(data_dir: Path, folder: Path) -> list[Path]:
    """The files a snapshot with the own tables of `folder` reads (published ones first)."""
    own = [folder / f"{name}.parquet" for name in (*OWN_TABLES, OWN_DEFINITION)]
    return [data_dir / f"{name}.parquet" for name in TABLES] + [p for p in own if p.exists()]


def files(data_dir: Path = DATA_DIR, eigen_dir: Path = EIGEN_DIR) -> list[Path]:
    return files_in(data_dir, own_folder(eigen_dir))


def signature(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stats = [(p, p.stat()) for p in paths]
    return tuple((str(p), s.st_mtime_ns, s.st_size) for p, s in stats)


def content_version(paths: list[Path], folder_names: Mapping[str, str] | None = None) -> str:
    """sha256 over file names and bytes, 16 hex digits (names count: moving a file changes what is served).
    `folder_names` names a folder as it will be called (a generation being written, before its rename)."""
    names = folder_names or {}
    return bytes_version((f"{names.get(p.parent.name, p.parent.name)}/{p.name}", p.read_bytes()) for p in paths)


def bytes_version(files: Iterable[tuple[str, bytes]]) -> str:
    """content_version of ("folder/name", bytes) pairs: of files about to be written, before they are."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(f"{name}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:16]


def dataset_version(data_dir: Path, folder: Path) -> str:
    """The data version from what the data is, never where it lies or when it was written: sha256 over the bytes
    of the published tables and the own tables of `folder`, each under a fixed name ("indicators.parquet",
    "eigen/indicators.parquet"). Two hosts with the same data (copied, checked out, taken in from one release
    bundle) give the same version, so they sign the same download links; it names releases and keys the view cache.
    16 hex digits."""
    published = [(f"{name}.parquet", data_dir / f"{name}.parquet") for name in TABLES]
    own = [(f"eigen/{name}.parquet", folder / f"{name}.parquet") for name in (*OWN_TABLES, OWN_DEFINITION)]
    return bytes_version((name, p.read_bytes()) for name, p in [*published, *own] if p.exists())


def read_folder(data_dir: Path, folder: Path) -> Snapshot:
    """The published tables with the own tables of `folder` (a generation, or the old flat layout) merged in."""
    paths = files_in(data_dir, folder)
    tables = {name: pd.read_parquet(data_dir / f"{name}.parquet") for name in TABLES}
    for name in OWN_TABLES:
        own = folder / f"{name}.parquet"
        if own.exists():
            tables[name] = pd.concat([tables[name], pd.read_parquet(own)], ignore_index=True)
    definition = folder / f"{OWN_DEFINITION}.parquet"
    if definition.exists():
        tables[OWN_DEFINITION] = pd.read_parquet(definition)
    return Snapshot(tables, content_version(paths), definition.exists())


def read_snapshot(data_dir: Path = DATA_DIR, eigen_dir: Path = EIGEN_DIR) -> Snapshot:
    return read_folder(data_dir, own_folder(eigen_dir))


def generation_folders(eigen_dir: Path = EIGEN_DIR) -> list[Path]:
    """The numbered generations of own data that are kept (dashboard.data.store.generations), oldest first."""
    folder = eigen_dir / GENERATIONS
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()) if folder.is_dir() else []


def kept_versions(data_dir: Path = DATA_DIR, eigen_dir: Path = EIGEN_DIR) -> dict[str, Path]:
    """Dataset version -> folder of own tables, for the state in use and every kept generation of own data (with
    today's published tables: a generation from before the last build gives another version than it had then)."""
    folders = [own_folder(eigen_dir), *generation_folders(eigen_dir)]
    return {content_version(files_in(data_dir, folder)): folder for folder in reversed(folders)}
