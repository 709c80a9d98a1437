"""Boundaries (CBS/PDOK Gebiedsindelingen, newest complete year in data/geo, CC BY 4.0): pure reads and shapes.

dashboard/cache.py shares the GeoJSON dicts read-only per process (a GeoDataFrame cannot be hashed by
`st.cache_data`, and copying the geometry per session wastes memory; see PITFALLS.md).
The files are wound clockwise, which both plotly map types accept; do not rewind them.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from dashboard.data.paths import GEO_DIR, geo_file, geo_year

ATTRIBUTION = f"Kaartgrenzen: CBS/PDOK Gebiedsindelingen {geo_year()} (CC BY 4.0)"


def read_boundaries(level: str, geo_dir: Path = GEO_DIR) -> dict:
    with open(geo_file(level, geo_dir), encoding="utf-8") as fh:
        return json.load(fh)


def subset(geojson: dict, codes: set[str]) -> dict:
    """A FeatureCollection with only the features whose id is in `codes` (features are shared, not copied)."""
    return {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in codes]}


def dissolve(gm_geojson: dict, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> dict:
    """One feature per group (id = group name): the union of its gemeenten. Gemeenten without a boundary
    (e.g. a code from before a merger) are skipped."""
    shapes = {f["id"]: f["geometry"] for f in gm_geojson["features"]}
    features = []
    for name, codes in groups:
        parts = [shape(shapes[c]) for c in codes if c in shapes]
        if not parts:
            continue
        union = shapely.union_all(parts).simplify(0.0005)
        features.append({"type": "Feature", "id": name, "properties": {"statnaam": name}, "geometry": mapping(union)})
    return {"type": "FeatureCollection", "features": features}


def definition_groups(definition, sector: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The hashable (onderwijsregio, gemeentecodes) pairs of one sector, the cache key of the dissolved map."""
    rows = definition[definition["sector"] == sector]
    return tuple((name, tuple(sorted(g["gemeentecode"]))) for name, g in rows.groupby("onderwijsregio"))
