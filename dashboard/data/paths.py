"""Where the embedded dataset lives. Everything is inside the repository: nothing reads ../shared."""

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
GEO_DIR = DATA_DIR / "geo"
# A user's own uploaded figures (dashboard.data.ingest); not in git. Tests point it elsewhere.
EIGEN_DIR = Path(os.environ.get("LERARENTEKORT_EIGEN_DIR", DATA_DIR / "eigen"))
