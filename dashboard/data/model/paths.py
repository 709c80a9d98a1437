"""Where the embedded dataset lives. Everything is inside the repository: nothing reads the shared project folder."""

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[3]
# Another copy of the dataset (a maintainer trying a new measurement, the tests): LERARENTEKORT_DATA_DIR.
DATA_DIR = Path(os.environ.get("LERARENTEKORT_DATA_DIR", REPO_DIR / "data"))
RAW_DIR = DATA_DIR / "raw"
GEO_DIR = DATA_DIR / "geo"
# A user's own uploaded figures (dashboard.data.intake.ingest); not in git. Tests point it elsewhere.
EIGEN_DIR = Path(os.environ.get("LERARENTEKORT_EIGEN_DIR", DATA_DIR / "eigen"))


GEO_LEVELS = ("gemeente", "provincie", "arbeidsmarktregio")


def geo_year(geo_dir: Path = GEO_DIR) -> int:
    """The newest boundary year for which every level is present (`refresh-boundaries` adds a year)."""
    years = [{int(p.stem.split("_")[1]) for p in geo_dir.glob(f"{level}_*_web.geojson")} for level in GEO_LEVELS]
    complete = set.intersection(*years) if all(years) else set()
    if not complete:
        raise FileNotFoundError(f"Geen complete set kaartgrenzen in {geo_dir}")
    return max(complete)


def geo_file(level: str, geo_dir: Path = GEO_DIR, year: int | None = None) -> Path:
    return geo_dir / f"{level}_{year or geo_year(geo_dir)}_web.geojson"
