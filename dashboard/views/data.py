"""Data & verantwoording: the source catalogue and the dataset downloads."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard.data.load import SessionData

CATALOGUE_COLUMNS = {
    "publisher": "Uitgever",
    "title": "Titel",
    "url": "Link",
    "meet": "Meet",
    "peildata": "Peildata",
    "betrouwbaarheid": "Betrouwbaarheid",
    "cijfers": "Aantal cijfers",
    "year": "Jaar",
}
DATASET_FILES = (  # label, file name, mime type, widget key; in the order of tables.dataset_exports()
    ("Alle cijfers (CSV)", "lerarentekort_cijfers.csv", "text/csv", "dl_all_csv"),
    ("Alle cijfers (Parquet)", "lerarentekort_cijfers.parquet", "application/octet-stream", "dl_all_parquet"),
    ("Bronnenregister (CSV)", "lerarentekort_bronnen.csv", "text/csv", "dl_sources"),
)


@dataclass(frozen=True)
class Catalogue:
    figures: int
    sources: int
    frame: pd.DataFrame
    indicators: pd.DataFrame
    register: pd.DataFrame



@cache.view
def catalogue(session: SessionData | None = None) -> Catalogue:
    indicators = cache.indicators(session=session)
    sources = cache.table("sources", session)
    return Catalogue(
        len(indicators),
        indicators["source_id"].nunique(),
        cache.source_catalogue(indicators, sources),
        indicators,
        sources,
    )


@cache.view
def dataset_file(catalogue: Catalogue, index: int) -> bytes:
    """One of the dataset files (DATASET_FILES[index]; made when fetched, then kept per data version)."""
    return cache.dataset_exports(catalogue.indicators, catalogue.register)[index]


def warm() -> None:
    catalogue()
