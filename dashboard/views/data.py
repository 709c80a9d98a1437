"""Data & verantwoording: the source catalogue with licences, the dataset downloads (also as data package) and what
changed in the data (releases)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard.data.model.newer import register as newer_register
from dashboard.data.publish import datapackage, releases
from dashboard.data.publish.licences import REDISTRIBUTABLE_COLUMN, with_redistribution
from dashboard.data.store.load import SessionData

CATALOGUE_COLUMNS = {
    "publisher": "Uitgever",
    "title": "Titel",
    "url": "Link",
    "licence": "Licentie",
    REDISTRIBUTABLE_COLUMN: "Herverdelen",
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
PACKAGE_FILES = (  # label, file name, mime type, widget key; in the order of package_file()
    ("Datapakket (zip)", "lerarentekort_datapakket.zip", "application/zip", "dl_package_zip"),
    ("Beschrijving (datapackage.json)", datapackage.DESCRIPTOR_FILE, "application/json", "dl_package_json"),
)
API_LINKS = (  # label, path: stable URLs of the open data API (dashboard/api/)
    ("API-documentatie", "/api/v1/docs"),
    ("OpenAPI-beschrijving", "/api/v1/openapi.json"),
    ("datapackage.json", "/api/v1/datapackage.json"),
    ("releases (JSON)", "/api/v1/releases"),
    ("Atom-feed", "/api/v1/releases.atom"),
)
MAX_NEWS = 50  # the history of releases the Data page shows, newest first (the feed has all)
NEWER_COLUMNS = {
    "published": "Gepubliceerd",
    "publisher": "Uitgever",
    "title": "Titel",
    "adds": "Wat het toevoegt",
    "url": "Link",
}
NEWER_ANCHOR = "nieuwer-gepubliceerd"  # metrics.bronnen.NEWER_ANCHOR links here


@dataclass(frozen=True)
class Catalogue:
    figures: int
    sources: int
    frame: pd.DataFrame
    indicators: pd.DataFrame
    register: pd.DataFrame
    publishers: pd.DataFrame  # metrics.bronnen.publisher_summary: what the page says before the whole list


@cache.view
def catalogue(session: SessionData | None = None) -> Catalogue:
    indicators = cache.indicators(session=session)
    sources = with_redistribution(cache.table("sources", session))
    frame = cache.source_catalogue(indicators, sources)
    return Catalogue(
        len(indicators), indicators["source_id"].nunique(), frame, indicators, sources, cache.publisher_summary(frame)
    )


@cache.view
def newer(session: SessionData | None = None) -> pd.DataFrame:
    """The known publications newer than the data (data/raw/newer_publications.csv) whose measurement is missing."""
    from dashboard.data.model.sectors import SECTORS

    return cache.newer_publications(newer_register(), cache.indicators(session=session), SECTORS)


@cache.view
def dataset_file(catalogue: Catalogue, index: int) -> bytes:
    """One of the dataset files (DATASET_FILES[index]; made when fetched, then kept per data version)."""
    return cache.dataset_exports(catalogue.indicators, catalogue.register)[index]


@cache.view
def package_file(index: int) -> bytes:
    """The data package of this server's data (published and imported; a session's upload is not in it), as zip
    or as its descriptor: the same as /api/v1/dataset.zip and /api/v1/datapackage.json."""
    snap = cache.snapshot()
    if index == 0:
        return datapackage.zip_bytes(snap.tables, snap.version)
    return json.dumps(datapackage.descriptor(snap.tables, snap.version), ensure_ascii=False, indent=1).encode()


@dataclass(frozen=True)
class News:
    when: str  # '6-12-2026 07:47 UTC'
    where: str  # gepubliceerde data / eigen data op deze server
    headline: str
    version: str
    command: str
    lines: tuple[str, ...]
    news: tuple[str, ...] = ()  # what changed in words (dashboard/data/publish/release_notes.py)


def _when(time: str) -> str:
    """'2026-12-06T07:47:14Z' -> '6-12-2026 07:47 UTC'."""
    return f"{int(time[8:10])}-{int(time[5:7])}-{time[:4]} {time[11:16]} UTC" if len(time) >= 16 else time


def news(limit: int = MAX_NEWS) -> list[News]:
    """The newest releases (not cached: a few small files, and a release is written just after its data)."""
    return [
        News(
            _when(r["tijd"]),
            releases.KINDS.get(r["soort"], r["soort"]),
            releases.headline(r),
            r["versie"],
            r["opdracht"],
            tuple(r.get("regels", [])),
            tuple(r.get("nieuws", [])),
        )
        for r in releases.all_releases()[:limit]
    ]


def warm() -> None:
    catalogue()
