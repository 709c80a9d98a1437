"""A read brontabel as rows, both ways in: the data contract for own data (`ingest`, a new generation under the
lock, `import_brontabel`) and the long format of data/raw/regional_shortage_<sector>.csv plus its source in
data/raw/sources.csv (`meting --naar-raw`, `write_raw`, then `build`). Each file is written old-or-new.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.intake.brontabel.options import INDICATORS, Meta
from dashboard.data.intake.brontabel.table import Brontabel
from dashboard.data.intake.build import read_raw
from dashboard.data.intake.ingest import IngestError, check_frame, merge_own, read_own, write_own
from dashboard.data.model.paths import EIGEN_DIR, RAW_DIR
from dashboard.data.publish.licences import UNKNOWN
from dashboard.data.store.atomic import atomic_write, writing

UNIT = "% werkgelegenheid"
RELIABILITY = "solid"  # the ministry's own table, as the shipped rows from it
RAW_LEVELS = {"arbeidsmarktregio": "arbeidsmarktregio (excl. G5-gemeente)", "gemeente": "gemeente (G5)"}
RAW_KIND = "primary-official"


# --- into own data (ingest) ----------------------------------------------------------------------------------------


def contract_frame(table: Brontabel, meta: Meta, filename: str) -> pd.DataFrame:
    """The rows in the data contract (strings, as a file in the contract is read), with the bron_* columns."""
    rows = [
        {
            "indicator": meta.indicator,
            "sector": meta.sector,
            "vak": "",
            "geo_level": e.region.geo_level,
            "region_code": e.region.code,
            "region_name": e.region.name,
            "categorie": "",
            "peildatum": meta.peildatum,
            "year": meta.peildatum[:4],
            "value": repr(e.value),
            "unit": UNIT,
            "kind": "meting",
            "reliability": RELIABILITY,
            "source_id": meta.source_id,
            "note": f"brontabel {filename}, regel {e.line.number}",
            "bron_titel": meta.bron_titel,
            "bron_uitgever": meta.bron_uitgever,
            "bron_jaar": meta.bron_jaar,
            "bron_url": meta.bron_url,
        }
        for e in table.entries
    ]
    return pd.DataFrame(rows, dtype=str)


def import_brontabel(
    table: Brontabel,
    meta: Meta,
    filename: str,
    known_sources: pd.DataFrame,
    regions: pd.DataFrame,
    eigen_dir: Path = EIGEN_DIR,
) -> list[dict]:
    """The measurement as a new generation of own data (a re-import of the same measurement replaces it)."""
    with writing(eigen_dir):
        own = read_own(eigen_dir)
        checked = check_frame(
            contract_frame(table, meta, filename), pd.concat([known_sources, own[1]], ignore_index=True), regions
        )
        merged, report = merge_own(own, checked)
        write_own(*merged, eigen_dir=eigen_dir, description=f"ingest brontabel {filename}")
    return report


# --- into data/raw (meting --naar-raw) -----------------------------------------------------------------------------


def raw_table_name(meta: Meta) -> str:
    return f"regional_shortage_{meta.sector}.csv"


def citation(meta: Meta) -> str:
    """The `source` column of the raw tables: "Uitgever (jaar), 'titel', url"."""
    return f"{meta.bron_uitgever} ({meta.bron_jaar}), '{meta.bron_titel}', {meta.bron_url}"


def raw_rows(table: Brontabel, meta: Meta, filename: str) -> pd.DataFrame:
    """The rows in the layout of data/raw/regional_shortage_<sector>.csv."""
    measure, personeel = INDICATORS[meta.indicator]
    rows = [
        {
            "peildatum": meta.peildatum,
            "sector": meta.sector,
            "personeel": personeel,
            "geo_level": RAW_LEVELS[e.region.geo_level],
            "region_name": e.region.name,
            "parent_region": e.region.parent,
            "measure": measure,
            "value": repr(e.value),
            "unit": UNIT,
            "reliability": RELIABILITY,
            "note": f"uit de brontabel {filename} (python -m dashboard meting --naar-raw)",
            "source_id": meta.source_id,
            "source": citation(meta),
        }
        for e in table.entries
    ]
    return pd.DataFrame(rows, dtype=str)


def source_row(meta: Meta) -> dict[str, str]:
    """The register row; its licence is not in a brontabel: 'onbekend' until the maintainer fills it in."""
    return {
        "source_id": meta.source_id,
        "title": meta.bron_titel,
        "publisher": meta.bron_uitgever,
        "year": meta.bron_jaar,
        "url": meta.bron_url,
        "kind": RAW_KIND,
        "licence": UNKNOWN,
    }


def other_measurement(existing: pd.DataFrame, meta: Meta) -> pd.DataFrame:
    """Rows per arbeidsmarktregio of another source for the same measurement: the map would have two."""
    measure, personeel = INDICATORS[meta.indicator]
    return existing[
        (existing["peildatum"].str.rstrip("?") == meta.peildatum)
        & (existing["measure"] == measure)
        & (existing["personeel"] == personeel)
        & (existing["sector"] == meta.sector)
        & existing["geo_level"].str.startswith("arbeidsmarktregio")
        & (existing["source_id"] != meta.source_id)
    ]


def line_end(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return "\r\n" if "\r\n" in fh.readline() else "\n"


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Old or new file, never half; the file's own line ends kept (so a diff shows only the new rows)."""
    ending = line_end(path)
    atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator=ending, encoding="utf-8"))


def write_raw(table: Brontabel, meta: Meta, filename: str, raw_dir: Path = RAW_DIR) -> dict[str, int]:
    """Rows into regional_shortage_<sector>.csv and the source into sources.csv; a second run for the same
    measurement replaces its rows. Refused when another source already has this measurement per arbeidsmarktregio.
    Returns {'rijen': added, 'vervangen': replaced}. Call under the write lock (the command line does)."""
    name = raw_table_name(meta)
    existing = read_raw(name, raw_dir)
    other = other_measurement(existing, meta)
    if len(other):
        raise IngestError(
            f"data/raw/{name} heeft al een meting {meta.indicator} {meta.sector} van {meta.peildatum} per "
            f"arbeidsmarktregio (bron {', '.join(sorted(set(other['source_id'])))}, {len(other)} rijen). Twee bronnen "
            "voor dezelfde kaart worden niet gemengd; haal die rijen eerst weg als deze brontabel ze vervangt."
        )
    ours = existing["source_id"] == meta.source_id
    new = raw_rows(table, meta, filename)
    sources = read_raw("sources.csv", raw_dir)
    sources = pd.concat(
        [sources[sources["source_id"] != meta.source_id], pd.DataFrame([source_row(meta)])], ignore_index=True
    )
    write_csv(sources, raw_dir / "sources.csv")  # first: a source without rows is harmless, rows without not
    write_csv(pd.concat([existing[~ours], new], ignore_index=True)[list(existing.columns)], raw_dir / name)
    return {"rijen": len(new), "vervangen": int(ours.sum())}
