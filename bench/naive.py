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
    features = [{**f, "geometry": mapping(shapely.segmentize(g, segment))} for f, g in zip(geojson["features"], geoms)]
    return {"type": "FeatureCollection", "features": features}


def prepare_geometry() -> Path:
    from dashboard.data.model.geo import read_boundaries
    from dashboard.data.model.paths import geo_year

    NAIVE_GEO.mkdir(parents=True, exist_ok=True)
    year = geo_year()
    for level in ("gemeente", "provincie", "arbeidsmarktregio"):
        target = NAIVE_GEO / f"{level}_{year}_web.geojson"
        if not target.exists():
            target.write_text(json.dumps(densify(read_boundaries(level))))
    return NAIVE_GEO


def apply() -> None:
    """Replace every cached function of dashboard/cache.py by its plain, uncached version (the views look them
    up on the module at each call), and make every download's file on every rerun."""
    import streamlit as st

    from dashboard import cache, metrics, tables
    from dashboard.charts import basic, maps
    from dashboard.data.model import geo
    from dashboard.data.model.paths import DATA_DIR
    from dashboard.data.store import load
    from dashboard.ui import widgets

    prepare_geometry()

    def read(name: str, session=None) -> pd.DataFrame:
        frame = pd.read_parquet(DATA_DIR / f"{name}.parquet")
        own = load.own_path(name)
        if name in load.OWN_TABLES and own.exists():
            frame = pd.concat([frame, pd.read_parquet(own)], ignore_index=True)
        return load.with_session(frame, name, session)

    def indicators(indicators=(), sectors=(), geo_levels=(), session=None):
        frame = read("indicators", session)
        for column, values in (("indicator", indicators), ("sector", sectors), ("geo_level", geo_levels)):
            if values:
                frame = frame[frame[column].isin(values)]
        return frame

    def definition():
        own = load.own_path("onderwijsregio_gemeenten")
        return (pd.read_parquet(own), True) if own.exists() else (read("onderwijsregio_gemeenten"), False)

    def boundaries(level: str) -> dict:
        return geo.read_boundaries(level, NAIVE_GEO)

    for module in (metrics, basic, tables):
        for name in dir(cache):
            if not name.startswith("_") and callable(getattr(module, name, None)) and hasattr(cache, name):
                setattr(cache, name, getattr(module, name))
    cache.table, cache.indicators, cache.definition, cache.boundaries = read, indicators, definition, boundaries
    import importlib

    from dashboard.registry import PAGES

    for page in PAGES:  # the views themselves uncached too (a first version has no view cache)
        module = importlib.import_module(page.views)
        for name, value in list(vars(module).items()):
            if getattr(value, "memo", None) is not None and hasattr(value, "__wrapped__"):
                setattr(module, name, value.__wrapped__)
    cache.definition_groups = geo.definition_groups

    def shortage_map(regional, selected=None, height=560, zoom=6.0):
        gemeenten = set(regional.loc[regional["geo_level"] == "gemeente", "region_code"])
        return maps.shortage_map(
            regional,
            boundaries("arbeidsmarktregio"),
            geo.subset(boundaries("gemeente"), gemeenten),
            selected,
            height,
            zoom,
        )

    cache.shortage_map = shortage_map
    cache.membership_map = lambda members: maps.membership_map(members, boundaries("gemeente"))
    cache.onderwijsregio_map = lambda frame, groups: maps.onderwijsregio_map(
        frame, geo.dissolve(boundaries("gemeente"), groups)
    )
    cache.arrow_table = lambda frame, columns, formats=None: tables.formatted(frame, columns, formats or {})

    def file_download(label, maker, args, file_name, mime, key):  # the file made on every rerun, as bytes
        st.download_button(label, data=maker(*args), file_name=file_name, mime=mime, key=key)

    widgets.file_download = file_download
    import pkgutil

    import dashboard.sections

    for info in pkgutil.iter_modules(dashboard.sections.__path__):  # sections that imported it by name
        module = importlib.import_module(f"dashboard.sections.{info.name}")
        if hasattr(module, "file_download"):
            module.file_download = file_download
