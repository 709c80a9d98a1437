"""Cached access to the embedded dataset (the only place the data layer touches Streamlit).

Tables are cached with `st.cache_data`, keyed on the files' modification times, so a rebuilt or uploaded
data file shows up without a restart. Reads use column projection and filter push-down, so the same code
holds up when a user loads school-level detail (millions of rows; see bench/bench_load.py).
A user's own uploads (dashboard.data.ingest, in EIGEN_DIR) are merged into `indicators` and `sources`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from dashboard.data.paths import DATA_DIR, EIGEN_DIR

TABLES = ("indicators", "sources", "regions", "onderwijsregios", "onderwijsregio_leden")
OWN_TABLES = ("indicators", "sources")


def table_path(name: str, data_dir: Path = DATA_DIR) -> Path:
    if name not in TABLES:
        raise KeyError(f"Onbekende tabel: {name}")
    return data_dir / f"{name}.parquet"


def own_path(name: str) -> Path:
    return EIGEN_DIR / f"{name}.parquet"


def _version(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


def read_indicators(
    path: Path,
    indicators: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    geo_levels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Uncached, pure read with filter push-down; an empty tuple means no filter on that column."""
    pairs = (("indicator", indicators), ("sector", sectors), ("geo_level", geo_levels))
    filters = [(column, "in", list(values)) for column, values in pairs if values]
    return pq.read_table(path, filters=filters or None).to_pandas()


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_table(path: str, version: int, own: str, own_version: int) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    if own_version:
        frame = pd.concat([frame, pd.read_parquet(own)], ignore_index=True)
    return frame


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_indicators(
    path: str,
    version: int,
    own: str,
    own_version: int,
    indicators: tuple[str, ...],
    sectors: tuple[str, ...],
    geo_levels: tuple[str, ...],
) -> pd.DataFrame:
    frame = read_indicators(Path(path), indicators, sectors, geo_levels)
    if own_version:
        frame = pd.concat([frame, read_indicators(Path(own), indicators, sectors, geo_levels)], ignore_index=True)
    return frame


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    path = table_path(name, data_dir)
    own = own_path(name)
    own_version = _version(own) if name in OWN_TABLES else 0
    return _cached_table(str(path), _version(path), str(own), own_version)


def load_indicators(
    indicators: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    geo_levels: tuple[str, ...] = (),
    data_dir: Path = DATA_DIR,
) -> pd.DataFrame:
    """The filtered indicators; cached per filter combination and per data version."""
    path = table_path("indicators", data_dir)
    own = own_path("indicators")
    return _cached_indicators(
        str(path), _version(path), str(own), _version(own), tuple(indicators), tuple(sectors), tuple(geo_levels)
    )
