"""Explicit refresh of the boundary files from PDOK (CBS Gebiedsindelingen), the only code that goes online.

    python -m dashboard refresh-boundaries --year 2026 [--base-url https://service.pdok.nl/cbs/gebiedsindelingen]

Per level (gemeente, provincie, arbeidsmarktregio) it asks the WFS for the generalised layer as GeoJSON in
WGS84 and checks it (features, statcode, statnaam, valid geometry). Then, only when every level is usable:
- each level is simplified as a coverage (shared borders simplified once, so neighbours keep meeting without
  gaps or overlaps), rings wound clockwise (the plotly convention, PITFALLS.md), and written as
  data/geo/<level>_<year>_web.geojson;
- the gemeente -> provincie / arbeidsmarktregio table (data/raw/gemeente_regions.csv) is rebuilt by placing
  each gemeente in the region that holds its interior point; COROP/RMC codes are kept for gemeenten that
  existed before (PDOK's generalised layers do not carry them);
- data/regions.parquet is rebuilt from that table.
Every file is first written as a temporary file, then all are renamed (a failed write removes them all and
changes nothing), and the previous gemeente table is kept as gemeente_regions.vorige.csv, so a failed or broken
download or write never leaves a broken map. The app itself never
downloads anything; the app picks the newest complete boundary year in data/geo.
"""

from __future__ import annotations

import http.client
import io
import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient

from dashboard.data.model.paths import DATA_DIR, GEO_DIR, RAW_DIR, geo_file, geo_year
from dashboard.data.store.atomic import write_tables

PDOK = "https://service.pdok.nl/cbs/gebiedsindelingen"
LAYERS = {"gemeente": "gemeente", "provincie": "provincie", "arbeidsmarktregio": "arbeidsmarktregio"}
TOLERANCE = 0.001  # degrees, as the shipped files
TIMEOUT = 60
MAX_BYTES = 300_000_000


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


def download(url: str, level: str) -> bytes:
    """The whole answer, or a RefreshError naming the level (HTTP error, timeout, connection cut short)."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (explicit, user-started)
            body = response.read(MAX_BYTES + 1)
            expected = response.headers.get("Content-Length")
            if expected and expected.isdigit() and len(body) < int(expected):
                raise http.client.IncompleteRead(body, int(expected) - len(body))
    except http.client.IncompleteRead as err:
        raise RefreshError(f"{level}: de download is afgebroken ({len(err.partial)} bytes ontvangen).") from err
    except urllib.error.HTTPError as err:
        raise RefreshError(f"{level}: PDOK antwoordde met HTTP {err.code}.") from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise RefreshError(f"{level}: PDOK is niet bereikbaar ({err}).") from err
    if len(body) > MAX_BYTES:
        raise RefreshError(f"{level}: het antwoord is groter dan {MAX_BYTES // 1_000_000} MB.")
    return body


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


def parse_layer(raw: bytes, level: str) -> gpd.GeoDataFrame:
    """A WFS answer -> checked GeoDataFrame in WGS84 with statcode, statnaam and valid polygons."""
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
    frame["geometry"] = frame.geometry.make_valid()
    not_area = ~frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    if not_area.any():
        raise RefreshError(
            f"{level}: {int(not_area.sum())} gebied(en) zonder vlak (bijv. {frame.loc[not_area, 'statcode'].iloc[0]})."
        )
    if frame["statcode"].duplicated().any():
        raise RefreshError(
            f"{level}: statcode {frame.loc[frame['statcode'].duplicated(), 'statcode'].iloc[0]} komt dubbel voor."
        )
    return frame[["statcode", "statnaam", "geometry"]].sort_values("statcode").reset_index(drop=True)


def simplify_coverage(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Topology-preserving simplification of the whole layer: a shared border is simplified once, so
    neighbours still meet. Falls back to per-area simplification if the layer is not a clean coverage."""
    try:
        simplified = shapely.coverage_simplify(frame.geometry.to_numpy(), TOLERANCE)
    except shapely.errors.GEOSException:
        simplified = frame.geometry.simplify(TOLERANCE, preserve_topology=True).to_numpy()
    return gpd.GeoSeries(shapely.make_valid(simplified), index=frame.index, crs=frame.crs).map(_clockwise)


def to_web_geojson(frame: gpd.GeoDataFrame, jaar: int, level: str = "") -> dict:
    """The FeatureCollection the app reads (id = statcode), simplified and rounded for the browser."""
    geometry = simplify_coverage(frame)
    if geometry.is_empty.any():
        raise RefreshError(f"{level}: {int(geometry.is_empty.sum())} gebied(en) zonder geometrie na vereenvoudigen.")
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {"statcode": code, "jrstatcode": f"{jaar}{code}", "statnaam": name, "jaar": jaar},
                "geometry": _rounded(mapping(geom)),
            }
            for code, name, geom in zip(frame["statcode"], frame["statnaam"], geometry)
        ],
    }


def _place(points: gpd.GeoSeries, areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """For every point the statcode/statnaam of the area that holds it ('' when none does)."""
    joined = gpd.sjoin(gpd.GeoDataFrame(geometry=points), areas, predicate="within", how="left")
    joined = joined[~joined.index.duplicated()]
    return joined[["statcode", "statnaam"]].fillna("")


def gemeente_table(
    gemeenten: gpd.GeoDataFrame, provincies: gpd.GeoDataFrame, ams: gpd.GeoDataFrame, previous: pd.DataFrame
) -> pd.DataFrame:
    """The gemeente -> provincie / arbeidsmarktregio table in the layout of data/raw/gemeente_regions.csv."""
    points = gemeenten.geometry.representative_point()
    pv, am = _place(points, provincies), _place(points, ams)
    table = pd.DataFrame(
        {
            "gemeentecode": gemeenten["statcode"],
            "gemeentenaam": gemeenten["statnaam"],
            "provinciecode": pv["statcode"].to_numpy(),
            "provincienaam": pv["statnaam"].to_numpy(),
            "provincie_share": "",
            "arbeidsmarktregiocode": am["statcode"].to_numpy(),
            "arbeidsmarktregionaam": am["statnaam"].to_numpy(),
            "arbeidsmarktregio_share": "",
        }
    )
    for column, level in (("arbeidsmarktregiocode", "arbeidsmarktregio"), ("provinciecode", "provincie")):
        unplaced = table[column] == ""
        if unplaced.any():
            raise RefreshError(
                f"gemeente: {int(unplaced.sum())} gemeente(n) liggen in geen {level} "
                f"(bijv. {table.loc[unplaced, 'gemeentenaam'].iloc[0]})."
            )
    kept = [c for c in previous.columns if c not in table.columns]
    return table.merge(previous[["gemeentecode", *kept]], on="gemeentecode", how="left").fillna("")


def regions_for(jaar: int, table: pd.DataFrame, web: dict[str, dict], geo_dir: Path) -> pd.DataFrame:
    """data/regions.parquet as `build` would make it once the new files are in place, made before any is written:
    the gemeente table as read from its CSV, the arbeidsmarktregio's of the newest complete boundary year."""
    from dashboard.data.intake.build import regions_from  # the build imports pandas-heavy code; keep the CLI light

    gem = pd.read_csv(io.StringIO(table.to_csv(index=False)), dtype=str, keep_default_na=False)
    try:
        newest = geo_year(geo_dir)
    except FileNotFoundError:
        newest = jaar
    if jaar >= newest:
        return regions_from(gem, web["arbeidsmarktregio"]["features"])
    with open(geo_file("arbeidsmarktregio", geo_dir, newest), encoding="utf-8") as fh:
        return regions_from(gem, json.load(fh)["features"])


def _text(text: str) -> Callable[[Path], None]:
    return lambda tmp: tmp.write_text(text, encoding="utf-8")


def refresh(
    jaar: int,
    base_url: str = PDOK,
    geo_dir: Path = GEO_DIR,
    raw_dir: Path = RAW_DIR,
    data_dir: Path = DATA_DIR,
    progress: Callable[[Iterable[str]], Iterable[str]] = iter,
) -> dict[str, int]:
    """Download and check every level; write boundaries, the gemeente table and regions.parquet only when all
    levels are valid, as one group (dashboard.data.store.atomic.write_tables: a failed write changes none of them).
    Returns the number of areas per level."""
    layers = {level: parse_layer(download(wfs_url(base_url, jaar, level), level), level) for level in progress(LAYERS)}
    previous_path = raw_dir / "gemeente_regions.csv"
    previous = (
        pd.read_csv(previous_path, dtype=str, keep_default_na=False)
        if previous_path.exists()
        else pd.DataFrame(columns=["gemeentecode"])
    )
    table = gemeente_table(layers["gemeente"], layers["provincie"], layers["arbeidsmarktregio"], previous)
    web = {level: to_web_geojson(frame, jaar, level) for level, frame in layers.items()}
    writes: dict[Path, Callable[[Path], None]] = {
        geo_dir / f"{level}_{jaar}_web.geojson": _text(json.dumps(geojson, ensure_ascii=False, separators=(",", ":")))
        for level, geojson in web.items()
    }
    if previous_path.exists():
        writes[raw_dir / "gemeente_regions.vorige.csv"] = lambda tmp: shutil.copy2(previous_path, tmp)
    writes[previous_path] = _text(table.to_csv(index=False))
    write_tables({"regions": regions_for(jaar, table, web, geo_dir)}, data_dir, also=writes)
    return {level: len(geojson["features"]) for level, geojson in web.items()}
