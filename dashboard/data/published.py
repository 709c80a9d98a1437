"""The dataset as served by the open data API: plain Parquet reads, no Streamlit, cached on file versions.

A snapshot holds the published tables with this server's own imports merged in (data/eigen/, the same rows the
pages show every visitor; a browser session's upload is never in it) and the dataset version: a content hash of
every file read, so two servers with the same data give the same version (mtimes differ after a git checkout).
dashboard/cache.py caches it on (path, mtime, size) of those files: a rebuild or import shows up without a restart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.paths import DATA_DIR, EIGEN_DIR
from dashboard.data.store import own_file

TABLES = ("indicators", "sources", "regions", "onderwijsregios", "onderwijsregio_gemeenten", "onderwijsregio_leden")
OWN_TABLES = ("indicators", "sources")  # merged into the published table
OWN_DEFINITION = "onderwijsregio_gemeenten"  # replaces the shipped approximation when imported


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, pd.DataFrame]
    version: str
    own_definition: bool  # the onderwijsregio definition was imported on this server


def files(data_dir: Path = DATA_DIR, eigen_dir: Path = EIGEN_DIR) -> list[Path]:
    own = [own_file(name, eigen_dir) for name in (*OWN_TABLES, OWN_DEFINITION)]
    return [data_dir / f"{name}.parquet" for name in TABLES] + [p for p in own if p.exists()]


def signature(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stats = [(p, p.stat()) for p in paths]
    return tuple((str(p), s.st_mtime_ns, s.st_size) for p, s in stats)


def content_version(paths: list[Path]) -> str:
    """sha256 over file names and bytes, 16 hex digits (names count: moving a file changes what is served)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_snapshot(data_dir: Path = DATA_DIR, eigen_dir: Path = EIGEN_DIR) -> Snapshot:
    paths = files(data_dir, eigen_dir)
    tables = {name: pd.read_parquet(data_dir / f"{name}.parquet") for name in TABLES}
    for name in OWN_TABLES:
        own = own_file(name, eigen_dir)
        if own.exists():
            tables[name] = pd.concat([tables[name], pd.read_parquet(own)], ignore_index=True)
    definition = own_file(OWN_DEFINITION, eigen_dir)
    if definition.exists():
        tables[OWN_DEFINITION] = pd.read_parquet(definition)
    return Snapshot(tables, content_version(paths), definition.exists())
