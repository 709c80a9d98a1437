"""Explicit refresh of the boundary files from PDOK (CBS Gebiedsindelingen), the only code that goes online.

    python -m dashboard.data.refresh_geo --jaar 2025 [--base-url https://service.pdok.nl/cbs/gebiedsindelingen]

Per level it asks the WFS for the generalised layer as GeoJSON in WGS84, checks it (features, statcode,
statnaam, valid geometry), simplifies it for the browser, winds rings clockwise (the plotly convention the
maps rely on; PITFALLS.md), and writes it via a temporary file + rename so a failed download never leaves a
broken map. The app itself never downloads anything.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

import geopandas as gpd
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient

from dashboard.data.paths import GEO_DIR

PDOK = "https://service.pdok.nl/cbs/gebiedsindelingen"
LAYERS = {"gemeente": "gemeente", "provincie": "provincie", "arbeidsmarktregio": "arbeidsmarktregio"}
TOLERANCE = 0.001  # degrees, as the shipped files
TIMEOUT = 60


class RefreshError(RuntimeError):
    """A download was unusable; the Dutch message says which level and why."""


def wfs_url(base_url: str, jaar: int, level: str) -> str:
    query = urllib.parse.urlencode(
        {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeNames": f"{LAYERS[level]}_gegeneraliseerd",
            "outputFormat": "json",
            "srsName": "EPSG:4326",
        }
    )
    return f"{base_url.rstrip('/')}/{jaar}/wfs/v1_0?{query}"


def download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (explicit, user-started download)
        return response.read()


def _clockwise(geometry):
    """Exterior rings clockwise, holes counter-clockwise (shapely sign=-1)."""
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=-1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(p, sign=-1.0) for p in geometry.geoms])
    return geometry


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 4)
    if isinstance(obj, (list, tuple)):
        return [_rounded(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    return obj


def to_web_geojson(raw: bytes, level: str, jaar: int) -> dict:
    """Check and simplify a WFS answer into the FeatureCollection the app reads (id = statcode)."""
    try:
        frame = gpd.read_file(raw.decode("utf-8"))
    except Exception as err:  # noqa: BLE001 (any parse failure is one user-facing message)
        raise RefreshError(f"{level}: het antwoord is geen geldige GeoJSON ({type(err).__name__}).") from err
    if frame.empty:
        raise RefreshError(f"{level}: het antwoord bevat geen gebieden.")
    missing = {"statcode", "statnaam"} - set(frame.columns)
    if missing:
        raise RefreshError(f"{level}: kenmerk(en) ontbreken: {', '.join(sorted(missing))}.")
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    frame["geometry"] = frame.geometry.make_valid().simplify(TOLERANCE, preserve_topology=True).map(_clockwise)
    if frame.geometry.is_empty.any():
        raise RefreshError(f"{level}: {int(frame.geometry.is_empty.sum())} gebied(en) zonder geometrie.")
    features = [
        {
            "type": "Feature",
            "id": row.statcode,
            "properties": {
                "statcode": row.statcode,
                "jrstatcode": f"{jaar}{row.statcode}",
                "statnaam": row.statnaam,
                "jaar": jaar,
            },
            "geometry": _rounded(mapping(row.geometry)),
        }
        for row in frame.sort_values("statcode").itertuples()
    ]
    return {"type": "FeatureCollection", "features": features}


def write_atomic(geojson: dict, target: Path) -> None:
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            json.dump(geojson, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp_name, target)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def refresh(jaar: int, base_url: str = PDOK, geo_dir: Path = GEO_DIR, levels: tuple[str, ...] = tuple(LAYERS)) -> dict:
    """Download, check and write every level; nothing is written unless all levels are valid."""
    checked = {level: to_web_geojson(download(wfs_url(base_url, jaar, level)), level, jaar) for level in levels}
    written = {}
    for level, geojson in checked.items():
        target = geo_dir / f"{level}_{jaar}_web.geojson"
        write_atomic(geojson, target)
        written[level] = len(geojson["features"])
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Ververs de kaartgrenzen vanuit PDOK (CBS Gebiedsindelingen).")
    parser.add_argument("--jaar", type=int, default=2025)
    parser.add_argument("--base-url", default=PDOK)
    args = parser.parse_args()
    for name, count in refresh(args.jaar, args.base_url).items():
        print(f"{name}: {count} gebieden geschreven")
