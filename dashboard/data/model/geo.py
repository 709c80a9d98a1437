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

from dashboard import cached
from dashboard.data.model.paths import GEO_DIR, geo_file, geo_year

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


def inner_points(geojson: dict, ids: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """id -> (lon, lat) of a point inside each feature of `ids` (where a marker on the map goes)."""
    out = {}
    for feature in geojson["features"]:
        if feature["id"] in ids:
            point = shape(feature["geometry"]).representative_point()
            out[feature["id"]] = (round(point.x, 4), round(point.y, 4))
    return out


def contested_features(gm_geojson: dict, contested: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict:
    """The gemeenten (code, name, regions) that stand in more than one onderwijsregio, with their hover text."""
    wanted = {code: (name, regions) for code, name, regions in contested}
    features = [
        {
            "type": "Feature",
            "id": f["id"],
            "properties": {
                "hover": f"<b>{wanted[f['id']][0]}</b><br>Betwist: staat in {' en '.join(wanted[f['id']][1])}"
            },
            "geometry": f["geometry"],
        }
        for f in gm_geojson["features"]
        if f["id"] in wanted
    ]
    return {"type": "FeatureCollection", "features": features}


def apart(gm_geojson: dict, codes: tuple[str, ...], tolerance: float = 0.002) -> tuple[str, ...]:
    """The gemeenten of `codes` that lie apart from the rest of their region: not joined, border to border through
    other members, to its main part (the connected group with the most gemeenten; with two such groups there is no
    main part and every member lies apart). A pair
    such as Leiden and Katwijk that touch each other but no other member both lie apart; so does an island.
    Neighbours count within `tolerance` degrees (~150 m: the simplified web boundaries leave slivers between
    gemeenten that share a border). Fewer than two members with a boundary: none lie apart."""
    wanted = set(codes)
    shapes = {f["id"]: shape(f["geometry"]) for f in gm_geojson["features"] if f["id"] in wanted}
    if len(shapes) < 2:
        return ()
    ids = list(shapes)
    tree = shapely.STRtree([shapes[c] for c in ids])
    neighbours = {
        c: {ids[i] for i in tree.query(shapes[c].buffer(tolerance), predicate="intersects")} - {c} for c in ids
    }
    groups, seen = [], set()
    for start in ids:
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            code = todo.pop()
            if code not in group:
                group.add(code)
                todo.extend(neighbours[code] - group)
        seen |= group
        groups.append(group)
    largest = max(len(g) for g in groups)
    mains = [g for g in groups if len(g) == largest]
    main = mains[0] if len(mains) == 1 else set()  # two equal parts: no main part, every member lies apart
    return tuple(sorted(set(shapes) - main))


@cached.definitions
def definition_groups(definition, sector: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The hashable (onderwijsregio, gemeentecodes) pairs of one sector, the cache key of the dissolved map."""
    rows = definition[definition["sector"] == sector]
    return tuple((name, tuple(sorted(g["gemeentecode"]))) for name, g in rows.groupby("onderwijsregio"))
