"""The naive baseline the benchmarks compare against, applied to the real app by patching (bench only).

Naive = what a first version of the dashboard does: every rerun reads the Parquet files and filters and
aggregates them with plain pandas (no cache, no push-down), rebuilds every figure, and draws unsimplified
geometry read from disk on every rerun. The shipped boundaries keep about 10 % of the vertices of PDOK's
generalised layer; the unsimplified stand-in is made here by densifying them back to ten times the vertices
(bench/output/geo_naive/, generated, not shipped).

`apply()` patches the module attributes the pages import on every run, so `streamlit run` of a script that calls
`apply()` first, or an AppTest in a process that called it, runs the naive app.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

NAIVE_GEO = REPO / "bench" / "output" / "geo_naive"
FACTOR = 10


def densify(geojson: dict, factor: int = FACTOR) -> dict:
    """The same outlines with about `factor` times the vertices."""
    geoms = [shape(f["geometry"]) for f in geojson["features"]]
    vertices = sum(len(shapely.get_coordinates(g)) for g in geoms)
    length = sum(g.boundary.length for g in geoms)
    segment = length / (factor * vertices)
    features = [
        {**f, "geometry": mapping(shapely.segmentize(g, segment))} for f, g in zip(geojson["features"], geoms)
    ]
    return {"type": "FeatureCollection", "features": features}


def prepare_geometry() -> Path:
    from dashboard.data.geo import read_boundaries
    from dashboard.data.paths import geo_year

    NAIVE_GEO.mkdir(parents=True, exist_ok=True)
    year = geo_year()
    for level in ("gemeente", "provincie", "arbeidsmarktregio"):
        target = NAIVE_GEO / f"{level}_{year}_web.geojson"
        if not target.exists():
            target.write_text(json.dumps(densify(read_boundaries(level))))
    return NAIVE_GEO


def apply() -> None:
    import streamlit as st

    from dashboard import metrics
    from dashboard.charts import basic, maps
    from dashboard.data import geo, load
    from dashboard.data.paths import DATA_DIR, EIGEN_DIR
    from dashboard.ui import memo, widgets

    prepare_geometry()

    def read(name: str) -> pd.DataFrame:
        frame = pd.read_parquet(DATA_DIR / f"{name}.parquet")
        own = EIGEN_DIR / f"{name}.parquet"
        if name in ("indicators", "sources") and own.exists():
            frame = pd.concat([frame, pd.read_parquet(own)], ignore_index=True)
        return load._with_session(frame, name)

    def load_indicators(indicators=(), sectors=(), geo_levels=(), data_dir=DATA_DIR):
        frame = read("indicators")
        for column, values in (("indicator", indicators), ("sector", sectors), ("geo_level", geo_levels)):
            if values:
                frame = frame[frame[column].isin(values)]
        return frame

    def load_definition():
        own = EIGEN_DIR / "onderwijsregio_gemeenten.parquet"
        return (pd.read_parquet(own), True) if own.exists() else (read("onderwijsregio_gemeenten"), False)

    load.load_indicators = load_indicators
    load.load_table = lambda name, data_dir=DATA_DIR: read(name)
    load.load_definition = load_definition

    def boundaries(level: str) -> dict:
        return geo.read_boundaries(level, NAIVE_GEO)

    geo.boundaries = boundaries
    memo.boundaries = boundaries
    memo.metrics = metrics  # the plain module: nothing cached
    for name in ("hbar", "grouped_bar", "lines", "stacked_share", "measurements"):
        setattr(memo, name, getattr(basic, name))

    def shortage_map(regional, selected=None, height=560, zoom=6.0):
        gemeenten = set(regional.loc[regional["geo_level"] == "gemeente", "region_code"])
        return maps.shortage_map(
            regional, boundaries("arbeidsmarktregio"), geo.subset(boundaries("gemeente"), gemeenten), selected,
            height, zoom,
        )

    memo.shortage_map = shortage_map
    memo.membership_map = lambda members: maps.membership_map(members, boundaries("gemeente"))
    memo.onderwijsregio_map = lambda frame, groups: maps.onderwijsregio_map(
        frame, geo.dissolve(boundaries("gemeente"), groups)
    )
    widgets._source_text = widgets.source_text
    widgets._safe_csv = widgets.safe_csv
    widgets.table_data = lambda frame, columns, formats=None: widgets.formatted(frame, columns, formats or {})

    def file_download(label, make, file_name, mime, key):  # the file made on every rerun, as bytes
        st.download_button(label, data=make(), file_name=file_name, mime=mime, key=key)

    widgets.file_download = file_download
    widgets._labelled_csv = lambda frame, columns: widgets.safe_csv(widgets.labelled(frame, dict(columns)))
    widgets.dataset_exports = widgets.dataset_exports.__wrapped__
