"""Boundaries (CBS/PDOK Gebiedsindelingen 2025, CC BY 4.0), loaded once per process.

GeoJSON dicts are shared read-only via `st.cache_resource` (a GeoDataFrame cannot be hashed by
`st.cache_data`, and copying the geometry per session wastes memory; see PITFALLS.md).
The files are wound clockwise, which both plotly map types accept; do not rewind them.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from dashboard.data.paths import GEO_DIR

ATTRIBUTION = "Kaartgrenzen: CBS/PDOK Gebiedsindelingen 2025 (CC BY 4.0)"
LEVEL_FILES = {
    "arbeidsmarktregio": "arbeidsmarktregio_2025_web.geojson",
    "gemeente": "gemeente_2025_web.geojson",
    "provincie": "provincie_2025_web.geojson",
}


def read_boundaries(level: str, geo_dir: Path = GEO_DIR) -> dict:
    with open(geo_dir / LEVEL_FILES[level], encoding="utf-8") as fh:
        return json.load(fh)


@st.cache_resource(show_spinner=False)
def boundaries(level: str) -> dict:
    """Shared GeoJSON of one level; callers must not mutate it."""
    return read_boundaries(level)


def subset(geojson: dict, codes: set[str]) -> dict:
    """A FeatureCollection with only the features whose id is in `codes` (features are shared, not copied)."""
    return {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in codes]}
