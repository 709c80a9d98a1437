"""Releases: what every `build` and every import changed, kept with the data it describes.

A release records the dataset version after the change, the time (UTC), the command and the change summary that
`build --check` computes (dashboard.data.publish.diff): new peildata, changed values, new sources, and the report lines.
- `build` appends its release to data/releases.json (newest first, next to data/*.parquet, in git);
- an import adds release.json to the new generation of own data (dashboard.data.store.transactions), so a generation
keeps
  its release and `herstel` takes the releases after it out of the list with the data.
A build or import that changes nothing records nothing. The open data API publishes the list (JSON and Atom).
Each release says what changed in words (`nieuws`, dashboard/data/publish/release_notes.py); `python -m dashboard
releases --uit-git` makes the whole list again from the data's history in git
(dashboard/data/publish/release_history.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from dashboard.data.model.paths import DATA_DIR, EIGEN_DIR
from dashboard.data.publish import published, release_notes
from dashboard.data.publish.diff import BuildDiff, diff_tables, read_current, report_lines
from dashboard.data.store import generations
from dashboard.data.store import transactions as store
from dashboard.data.store.integrity import table_files

RELEASES_FILE = "releases.json"
GENERATION_RELEASE = "release.json"
MAX_ITEMS = 20  # per list in a summary; the report lines say how many there are in all
KINDS = {"build": "gepubliceerde data", "import": "eigen data op deze server"}


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _peildatum(item: dict) -> str:
    return f"{item['indicator']} {item['sector']} {item['geo_level']}: {item['peildatum']} ({item['rows']} rijen)"


def _changed(item: dict) -> str:
    where = item["region_code"] or item["region_name"]
    return f"{item['indicator']} {item['sector']} {where} {item['peildatum']} ({item['source_id']})"


def summary(diff: BuildDiff) -> dict[str, object]:
    """The parts a reader looks for first: new peildata, changed values, new sources (counted and listed)."""
    peildata = [_peildatum(i) for i in diff.new_peildata]
    changed = [_changed(i) for i in diff.changed_values]
    sources = diff.keys_added.get("sources", [])
    return {
        "nieuwe_peildata": len(peildata),
        "gewijzigde_waarden": len(changed),
        "nieuwe_bronnen": len(sources),
        "lijsten": {
            "nieuwe_peildata": peildata[:MAX_ITEMS],
            "gewijzigde_waarden": changed[:MAX_ITEMS],
            "nieuwe_bronnen": sources[:MAX_ITEMS],
        },
        "rijen": {name: {"voor": old, "na": new} for name, (old, new) in diff.row_counts.items()},
        "tabellen_gewijzigd": sorted(name for name, count in diff.rows_changed.items() if count),
    }


def make_release(
    diff: BuildDiff,
    version: str,
    command: str,
    kind: str,
    time: str | None = None,
    news: list[str] | None = None,
) -> dict:
    """`news`: what changed in words (dashboard/data/publish/release_notes.py); empty when only order or notation
    did."""
    release = {
        "versie": version,
        "tijd": time or now_utc(),
        "opdracht": command,
        "soort": kind,
        "nieuws": list(news or []),
        "samenvatting": summary(diff),
        "regels": report_lines(diff),
    }
    return release


NO_NEWS = "geen nieuwe of andere cijfers (alleen volgorde of notatie gewijzigd)"
MAX_HEADLINE = 3  # news items in a release's one-line headline; the rest is counted


def headline(release: Mapping) -> str:
    """What changed in words ("Nieuwe meting okt 2025: ...; 3 bronnen toegevoegd"), the first few of them; a
    release from before the words: '3 nieuwe peildata, 2 gewijzigde waarden, 1 nieuwe bron'."""
    if "nieuws" in release:
        items = list(release["nieuws"])
        if not items:
            return NO_NEWS
        more = len(items) - MAX_HEADLINE
        return "; ".join(items[:MAX_HEADLINE]) + (
            f"; en {more} andere wijziging{'en' if more > 1 else ''}" if more > 0 else ""
        )
    counts = release.get("samenvatting", {})
    parts = []
    for key, one, many in (
        ("nieuwe_peildata", "nieuwe peildatum", "nieuwe peildata"),
        ("gewijzigde_waarden", "gewijzigde waarde", "gewijzigde waarden"),
        ("nieuwe_bronnen", "nieuwe bron", "nieuwe bronnen"),
    ):
        n = int(counts.get(key, 0))
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    tables = ", ".join(counts.get("tabellen_gewijzigd", []))
    return ", ".join(parts) or (f"gewijzigde rijen in {tables}" if tables else "geen wijzigingen in de cijfers")


def _read_list(path: Path) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []


def published_version(data_dir: Path = DATA_DIR) -> str:
    """The version of the published tables alone (what a server without own imports serves)."""
    return published.content_version([data_dir / f"{name}.parquet" for name in published.TABLES])


def build_release(
    before: Mapping[str, pd.DataFrame],
    built: Mapping[str, pd.DataFrame],
    data_dir: Path = DATA_DIR,
    command: str = "build",
    time: str | None = None,
) -> tuple[dict | None, dict[Path, Callable[[Path], None]]]:
    """The release of a build about to be written, and the write that adds it to data/releases.json, to go in the
    same group as the tables (atomic.write_tables(also=...)): a failed write leaves both as they were. The version
    is that of the bytes the tables will have. (None, {}) when nothing changes."""
    diff = diff_tables(dict(before), dict(built))
    if diff.empty:
        return None, {}
    files = [
        (
            f"{data_dir.name}/{name}.parquet",
            built[name].to_parquet(index=False) if name in built else (data_dir / f"{name}.parquet").read_bytes(),
        )
        for name in published.TABLES
    ]
    news = release_notes.notes(dict(before), {**dict(before), **dict(built)})
    release = make_release(diff, published.bytes_version(files), command, "build", time, news)
    text = json.dumps([release, *_read_list(data_dir / RELEASES_FILE)], ensure_ascii=False, indent=1) + "\n"
    return release, {data_dir / RELEASES_FILE: lambda tmp: tmp.write_text(text, encoding="utf-8")}


def own_tables(generation: generations.Generation | None) -> dict[str, pd.DataFrame]:
    """The own tables of a generation (none before the first import)."""
    if generation is None:
        return {}
    return {name: pd.read_parquet(path) for name, path in table_files(generation.path).items()}


def generation_release(
    description: str, eigen_dir: Path = EIGEN_DIR, data_dir: Path = DATA_DIR, time: str | None = None
) -> store.Extra:
    """The import's release as a file of its new generation (store.commit_generation(extra=...)): made from the
    tables just written, under the version the server will compute once the generation is in use, and written
    before the generation's manifest and the switch, so a failure anywhere leaves the previous state complete.
    It compares with the generation still in use (the store has checked it is whole); a table it does not have
    counts as empty."""

    def files(folder: Path, final_name: str) -> dict[str, str]:
        before = own_tables(generations.current(eigen_dir))
        after = {name: pd.read_parquet(path) for name, path in table_files(folder).items()}
        diff = diff_tables({name: before[name] for name in after if name in before}, after)
        if diff.empty:
            return {}
        served = [p for p in published.files_in(data_dir, folder) if p.exists()]
        version = published.content_version(served, {folder.name: final_name})
        news = release_notes.notes(before, {**before, **after})
        release = make_release(diff, version, description, "import", time, news)
        return {GENERATION_RELEASE: json.dumps(release, ensure_ascii=False)}

    return files


def own_releases(eigen_dir: Path = EIGEN_DIR) -> list[dict]:
    """The releases of the generation in use and the generations it was made from."""
    found, seen = [], set()
    generation = generations.current(eigen_dir)
    while generation is not None and generation.number not in seen:
        seen.add(generation.number)
        try:
            found.append(json.loads((generation.path / GENERATION_RELEASE).read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError):  # before releases existed, or cut off by a crash
            pass
        generation = None if generation.parent is None else generations.generation(generation.parent, eigen_dir)
    return found


def all_releases(data_dir: Path = DATA_DIR, eigen_dir: Path = EIGEN_DIR) -> list[dict]:
    """Every release that describes the data as served now, newest first."""
    releases = _read_list(data_dir / RELEASES_FILE) + own_releases(eigen_dir)
    return sorted(releases, key=lambda r: r["tijd"], reverse=True)


def current_tables(names: list[str], data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """The published tables before a build writes (what its release compares against)."""
    return read_current(names, data_dir)
