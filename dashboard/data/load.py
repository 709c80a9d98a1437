"""Cached access to the embedded dataset (the only place the data layer touches Streamlit).

Tables are cached (shared, read-only) keyed on the files' modification times, so a rebuilt or uploaded
data file shows up without a restart. Reads use column projection and filter push-down, so the same code
holds up when a user loads school-level detail (millions of rows; see bench/bench_load.py).
Own data is merged into `indicators` and `sources` from two places (see dashboard.data.ingest): imports on
this server (EIGEN_DIR, cached like the rest) and an upload in this browser session (st.session_state, never
cached or shared between sessions).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from dashboard.data.paths import DATA_DIR, EIGEN_DIR
from dashboard.data.store import own_file
from dashboard.data.tokens import frame_key, memoize, register

TABLES = ("indicators", "sources", "regions", "onderwijsregios", "onderwijsregio_leden", "onderwijsregio_gemeenten")
OWN_TABLES = ("indicators", "sources")
SESSION_KEY = "eigen_data"  # (indicators, sources, filename) of this session's upload


def session_own() -> tuple[pd.DataFrame, pd.DataFrame, str] | None:
    """This browser session's uploaded own data, if any."""
    return st.session_state.get(SESSION_KEY)


def _session_token() -> str:
    own = session_own()
    return "" if own is None else f"{frame_key(own[0])}/{frame_key(own[1])}"


def _with_session(frame: pd.DataFrame, name: str, mask=None) -> pd.DataFrame:
    own = session_own()
    if own is None or name not in OWN_TABLES:
        return frame
    extra = own[0] if name == "indicators" else own[1]
    if mask is not None:
        extra = extra[mask(extra)]
    return pd.concat([frame, extra], ignore_index=True) if len(extra) else frame


def table_path(name: str, data_dir: Path = DATA_DIR) -> Path:
    if name not in TABLES:
        raise KeyError(f"Onbekende tabel: {name}")
    return data_dir / f"{name}.parquet"


def own_path(name: str) -> Path:
    return own_file(name, EIGEN_DIR)  # in the generation in use: a new import is a new path, so a new cache key


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


# Memoized: one shared frame per file version instead of an unpickled copy per call (that copy was the
# largest cost of a warm rerun). Nothing modifies a loaded frame in place; pandas' copy-on-write keeps every
# derived frame separate.
@memoize(max_entries=256)
def _cached_table(path: str, version: int, own: str, own_version: int) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    if own_version:
        frame = pd.concat([frame, pd.read_parquet(own)], ignore_index=True)
    return frame


@memoize(max_entries=512)
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
    version = _version(path)
    frame = _with_session(_cached_table(str(path), version, str(own), own_version), name)
    return register(frame, f"table:{path}:{version}:{own_version}:{_session_token()}")


def load_indicators(
    indicators: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    geo_levels: tuple[str, ...] = (),
    data_dir: Path = DATA_DIR,
) -> pd.DataFrame:
    """The filtered indicators; cached per filter combination and per data version."""
    path = table_path("indicators", data_dir)
    own = own_path("indicators")
    cached = _cached_indicators(
        str(path), _version(path), str(own), _version(own), tuple(indicators), tuple(sectors), tuple(geo_levels)
    )

    def wanted(frame: pd.DataFrame) -> pd.Series:
        keep = pd.Series(True, index=frame.index)
        for column, values in (("indicator", indicators), ("sector", sectors), ("geo_level", geo_levels)):
            if values:
                keep &= frame[column].isin(values)
        return keep

    frame = _with_session(cached, "indicators", wanted)
    token = f"indicators:{path}:{_version(path)}:{_version(own)}:{indicators}:{sectors}:{geo_levels}:{_session_token()}"
    return register(frame, token)


def load_definition() -> tuple[pd.DataFrame, bool]:
    """The onderwijsregio definition: an imported one on this server if there is one (True), else the shipped
    approximation (False)."""
    own = own_path("onderwijsregio_gemeenten")
    if own.exists():
        version = _version(own)
        return register(_cached_table(str(own), version, "", 0), f"definition:{own}:{version}"), True
    return load_table("onderwijsregio_gemeenten"), False
