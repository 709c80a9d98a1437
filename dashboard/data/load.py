"""Cached access to the embedded dataset (the only place the data layer touches Streamlit).

Tables are cached with `st.cache_data`, keyed on the file's modification time so that a rebuilt or
uploaded data file shows up without a restart. Reads use column projection and filter push-down, so
the same code holds up when a user loads school-level detail (millions of rows).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from dashboard.data.paths import DATA_DIR

TABLES = ("indicators", "sources", "regions", "onderwijsregios", "onderwijsregio_leden")


def table_path(name: str, data_dir: Path = DATA_DIR) -> Path:
    if name not in TABLES:
        raise KeyError(f"Onbekende tabel: {name}")
    return data_dir / f"{name}.parquet"


def _version(path: Path) -> int:
    return path.stat().st_mtime_ns


def read_indicators(
    path: Path,
    indicators: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    geo_levels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Uncached, pure read with filter push-down; empty tuple = no filter on that column."""
    filters = [(col, "in", list(values)) for col, values in
               (("indicator", indicators), ("sector", sectors), ("geo_level", geo_levels)) if values]
    table = pq.read_table(path, filters=filters or None)
    return table.to_pandas()


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_table(path: str, version: int) -> pd.DataFrame:
    return pd.read_parquet(path)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_indicators(path: str, version: int, indicators: tuple[str, ...], sectors: tuple[str, ...],
                       geo_levels: tuple[str, ...]) -> pd.DataFrame:
    return read_indicators(Path(path), indicators, sectors, geo_levels)


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    path = table_path(name, data_dir)
    return _cached_table(str(path), _version(path))


def load_indicators(
    indicators: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    geo_levels: tuple[str, ...] = (),
    data_dir: Path = DATA_DIR,
) -> pd.DataFrame:
    """The filtered indicators; cached per filter combination and per data version."""
    path = table_path("indicators", data_dir)
    return _cached_indicators(str(path), _version(path), tuple(indicators), tuple(sectors), tuple(geo_levels))
