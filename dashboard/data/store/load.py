"""Reading the embedded dataset: pure functions, no cache, no Streamlit (dashboard/cache.py caches them).

Reads use column projection and filter push-down, so the same code holds up when a user loads school-level
detail (millions of rows; see bench/bench_load.py). Own data is merged into `indicators` and `sources` from two
places (see dashboard.data.intake.ingest): imports on this server (EIGEN_DIR) and an upload in one browser session,
which the caller passes in as `SessionData` (this layer never looks at a session).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pyarrow.parquet as pq

from dashboard.data.model.paths import DATA_DIR, EIGEN_DIR
from dashboard.data.store.generations import own_file

TABLES = ("indicators", "sources", "regions", "onderwijsregios", "onderwijsregio_leden", "onderwijsregio_gemeenten")
OWN_TABLES = ("indicators", "sources")
DEFINITION_FILE = "onderwijsregio_gemeenten.parquet"


class SessionData(NamedTuple):
    """One browser session's uploaded own data (checked by dashboard.data.intake.ingest.check_upload)."""

    indicators: pd.DataFrame
    sources: pd.DataFrame
    filename: str


class IndicatorFilter(NamedTuple):
    """Which indicator rows to read; an empty tuple means no filter on that column."""

    indicators: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    geo_levels: tuple[str, ...] = ()

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        keep = pd.Series(True, index=frame.index)
        for column, values in self.pairs():
            keep &= frame[column].isin(values)
        return keep

    def pairs(self) -> list[tuple[str, tuple[str, ...]]]:
        columns = (("indicator", self.indicators), ("sector", self.sectors), ("geo_level", self.geo_levels))
        return [(column, values) for column, values in columns if values]


def table_path(name: str, data_dir: Path = DATA_DIR) -> Path:
    if name not in TABLES:
        raise KeyError(f"Onbekende tabel: {name}")
    return data_dir / f"{name}.parquet"


def own_path(name: str, eigen_dir: Path | None = None) -> Path:
    """Where an import on this server keeps table `name`, in the generation in use: a new import is a new path,
    so a new cache key."""
    return own_file(name, eigen_dir or EIGEN_DIR)


def file_version(path: Path) -> int:
    """The cache key of a file's content: its modification time (0 when absent)."""
    return path.stat().st_mtime_ns if path.exists() else 0


NO_FILTER = IndicatorFilter()


def read_indicators(path: Path, wanted: IndicatorFilter = NO_FILTER) -> pd.DataFrame:
    filters = [(column, "in", list(values)) for column, values in wanted.pairs()]
    return pq.read_table(path, filters=filters or None).to_pandas()


def read_table(path: Path, own: Path | None = None, wanted: IndicatorFilter | None = None) -> pd.DataFrame:
    """A published table with this server's imported rows appended (when `own` exists)."""

    def read(p: Path) -> pd.DataFrame:
        return read_indicators(p, wanted) if wanted is not None else pd.read_parquet(p)

    frame = read(path)
    if own is not None and own.exists():
        frame = pd.concat([frame, read(own)], ignore_index=True)
    return frame


def with_session(frame: pd.DataFrame, name: str, session: SessionData | None, wanted: IndicatorFilter | None = None):
    """`frame` with this session's uploaded rows of table `name` (indicators or sources) appended."""
    if session is None or name not in OWN_TABLES:
        return frame
    extra = session.indicators if name == "indicators" else session.sources
    if wanted is not None:
        extra = extra[wanted.mask(extra)]
    return pd.concat([frame, extra], ignore_index=True) if len(extra) else frame
