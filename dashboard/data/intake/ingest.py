"""Taking in a user's own figures (CSV or Excel in the `indicators` contract) next to the published dataset.

Two ways in, one check:
- in the app (Data page): the checked rows live in that browser session only (`dashboard.data.store.load` merges them);
- on the command line (`python -m dashboard ingest FILE...`): the checked rows are written to data/eigen/
  (`EIGEN_DIR`) and every user of that server sees them.

Own figures are always marked: their source ids get the prefix `EIGEN-` and their source rows the kind
'eigen data', so charts, maps, tables and source lines can say "eigen data" wherever such a row appears.
A malformed or hostile file is rejected with a Dutch message that says what is wrong and where; nothing is
written then. An accepted import becomes a new generation of all own tables at once (dashboard.data.store.transactions):
the previous generation stays as it was, so `python -m dashboard herstel` can put exactly that back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.intake.readers import ReadError, read_bytes, read_path
from dashboard.data.model.contract import FIGURE_KEY, SCHEMAS, ContractError, validate
from dashboard.data.model.paths import EIGEN_DIR
from dashboard.data.publish import releases
from dashboard.data.store import transactions as store
from dashboard.data.store.atomic import write_parquet, writing
from dashboard.data.store.generations import Generation, own_file

MAX_UPLOAD_BYTES = 5_000_000  # in the browser (Streamlit's own limit is set higher in .streamlit/config.toml)
MAX_IMPORT_BYTES = 50_000_000  # on the command line
MAX_ROWS = 500_000
OWN_PREFIX = "EIGEN-"
OWN_KIND = "eigen data"
SOURCE_COLUMNS = {
    "bron_titel": "title",
    "bron_uitgever": "publisher",
    "bron_jaar": "year",
    "bron_url": "url",
    "bron_licentie": "licence",
}  # bron_licentie optional: empty -> 'onbekend' (the contract's default)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HTML = re.compile(r"<\s*[a-zA-Z/!?]")
CHECKED_LEVELS = ("land", "provincie", "arbeidsmarktregio", "gemeente")
TABLES = ("indicators", "sources")


class IngestError(ValueError):
    """The file is rejected; the message is Dutch and says what and where."""


def is_own(source_id: str) -> bool:
    return str(source_id).startswith(OWN_PREFIX)


def row_list(mask: pd.Series) -> str:
    rows = [str(i + 1) for i in mask.to_numpy().nonzero()[0][:5]]  # 1 = first row under the header, as in contract
    more = int(mask.sum()) - len(rows)
    return ", ".join(rows) + (f" (en nog {more})" if more > 0 else "")


def reject_hostile_cells(frame: pd.DataFrame) -> None:
    """Formulas (CSV injection) and HTML in text cells are refused, with column and row."""
    for column in frame.columns:
        cells = frame[column].astype(str)
        numeric = pd.to_numeric(cells, errors="coerce").notna()
        formula = cells.str.startswith(FORMULA_START) & ~numeric
        if formula.any():
            raise IngestError(
                f"Kolom '{column}', rij {row_list(formula)}: de cel begint met '{cells[formula].iloc[0][:1]}' en "
                "zou in een spreadsheet als formule worden uitgevoerd. Formules zijn niet toegestaan."
            )
        html = cells.str.contains(HTML)
        if html.any():
            raise IngestError(
                f"Kolom '{column}', rij {row_list(html)}: de cel bevat HTML of een script; alleen "
                "platte tekst is toegestaan."
            )


def check_region_codes(indicators: pd.DataFrame, regions: pd.DataFrame) -> None:
    """Codes at gemeente, arbeidsmarktregio, provincie and land level must exist at that level."""
    known = set(zip(regions["geo_level"], regions["region_code"]))
    checked = indicators["geo_level"].isin(CHECKED_LEVELS) & (indicators["region_code"] != "")
    unknown = checked & ~pd.Series(
        [(lvl, code) in known for lvl, code in zip(indicators["geo_level"], indicators["region_code"])],
        index=indicators.index,
    )
    if unknown.any():
        first = indicators[unknown].iloc[0]
        raise IngestError(
            f"Kolom 'region_code', rij {row_list(unknown)}: onbekende regiocode '{first['region_code']}' op niveau "
            f"{first['geo_level']}. Gebruik CBS-codes zoals GM0363 (gemeente), AM09 (arbeidsmarktregio), PV27 "
            "(provincie) of NL01 (Nederland), met de indeling van de kaartgrenzen."
        )


def check_duplicates(indicators: pd.DataFrame) -> None:
    dup = indicators.duplicated(FIGURE_KEY, keep=False)  # two values for one figure: ambiguous
    if dup.any():
        raise IngestError(
            f"Rij {row_list(dup)}: hetzelfde cijfer staat er meer dan eens in (zelfde indicator, sector, vak, regio, "
            "categorie, peildatum, soort en bron). Houd één rij per cijfer."
        )


def _copied(known: pd.DataFrame) -> list[str]:
    """The columns an own source copies from a known one (its licence too, where the register has one)."""
    return [column for column in SOURCE_COLUMNS.values() if column in known.columns]


def own_sources(frame: pd.DataFrame, known: pd.DataFrame) -> pd.DataFrame:
    """One 'eigen data' source per source_id in the file: new ones from the bron_* columns, known ones copied."""
    ids = frame["source_id"].astype(str).str.strip()
    known = known.set_index("source_id")
    has_columns = {"bron_titel", "bron_uitgever"} <= set(frame.columns)
    rows = []
    for source_id, first in frame.assign(source_id=ids).drop_duplicates("source_id").set_index("source_id").iterrows():
        own_id = source_id if is_own(source_id) else OWN_PREFIX + source_id
        given = has_columns and str(first.get("bron_titel", "")).strip() and str(first.get("bron_uitgever", "")).strip()
        if given:
            row = {col: str(first.get(up, "")).strip() for up, col in SOURCE_COLUMNS.items()}
        elif own_id in known.index:
            row = known.loc[own_id, _copied(known)].to_dict()
        elif source_id in known.index:
            row = known.loc[source_id, _copied(known)].to_dict()
            row["title"] = f"{row['title']} (eigen overname)"
        else:
            unknown = ids == source_id
            raise IngestError(
                f"Kolom 'source_id', rij {row_list(unknown)}: onbekende bron ({source_id}). Gebruik een bron uit het "
                "bronnenregister of voeg de kolommen bron_titel en bron_uitgever (en eventueel bron_jaar, bron_url) "
                "toe."
            )
        rows.append({"source_id": own_id, **row, "kind": OWN_KIND})
    try:
        return validate(pd.DataFrame(rows), "sources")
    except ContractError as err:
        raise IngestError(str(err).replace("Tabel 'sources'", "De bronkolommen")) from err


def check_frame(
    frame: pd.DataFrame, known_sources: pd.DataFrame, regions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate a frame of strings; return (indicators, sources), both marked as own data, or raise IngestError."""
    if frame.empty:
        raise IngestError("Het bestand bevat een kopregel maar geen rijen met cijfers.")
    if len(frame) > MAX_ROWS:
        raise IngestError(f"Het bestand heeft {len(frame)} rijen; het maximum is {MAX_ROWS}.")
    reject_hostile_cells(frame)
    try:
        indicators = validate(frame, "indicators")
    except ContractError as err:
        raise IngestError(str(err)) from err
    check_region_codes(indicators, regions)
    check_duplicates(indicators)
    sources = own_sources(frame, known_sources)
    indicators["source_id"] = indicators["source_id"].map(lambda s: s if is_own(s) else OWN_PREFIX + s)
    return indicators, sources


def check_upload(
    raw: bytes,
    filename: str,
    known_sources: pd.DataFrame,
    regions: pd.DataFrame,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and validate a CSV/xlsx upload; return (indicators, sources) or raise IngestError."""
    try:
        frame = read_bytes(raw, filename, max_bytes)
    except ReadError as err:
        raise IngestError(str(err)) from err
    return check_frame(frame, known_sources, regions)


def merge_own(
    own: tuple[pd.DataFrame, pd.DataFrame], new: tuple[pd.DataFrame, pd.DataFrame]
) -> tuple[tuple[pd.DataFrame, pd.DataFrame], list[dict]]:
    """Own data with `new` added; rows of a source that is in `new` are replaced. Returns (merged, report)."""
    (own_ind, own_src), (new_ind, new_src) = own, new
    replaced_ids = set(new_src["source_id"])
    report = [
        {
            "source_id": sid,
            "title": new_src.loc[new_src["source_id"] == sid, "title"].iloc[0],
            "rijen": int((new_ind["source_id"] == sid).sum()),
            "vervangen": int((own_ind["source_id"] == sid).sum()),
        }
        for sid in new_src["source_id"]
    ]
    keep_ind = own_ind[~own_ind["source_id"].isin(replaced_ids)]
    keep_src = own_src[~own_src["source_id"].isin(replaced_ids)]
    merged_ind = pd.concat([keep_ind, new_ind], ignore_index=True) if len(keep_ind) else new_ind.reset_index(drop=True)
    merged_src = pd.concat([keep_src, new_src], ignore_index=True) if len(keep_src) else new_src.reset_index(drop=True)
    return (validate(merged_ind, "indicators"), validate(merged_src, "sources")), report


def empty_own() -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        validate(pd.DataFrame(columns=SCHEMAS["indicators"].column_names), "indicators"),
        validate(pd.DataFrame(columns=SCHEMAS["sources"].column_names), "sources"),
    )


def read_own(eigen_dir: Path = EIGEN_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The imported own data on this server, from the generation in use (empty frames when there is none)."""
    empty = empty_own()
    files = [own_file(name, eigen_dir) for name in TABLES]
    return tuple(  # type: ignore[return-value]
        pd.read_parquet(path) if path.exists() else frame for path, frame in zip(files, empty)
    )


def atomic_write_parquet(frame: pd.DataFrame, target: Path) -> None:
    """A single file outside the generation store (data/*.parquet): old or new, never half."""
    write_parquet(frame, target)


def write_own(
    indicators: pd.DataFrame, sources: pd.DataFrame, eigen_dir: Path = EIGEN_DIR, description: str = "import"
) -> Generation:
    """Rows and their sources as one new generation (the other own tables carried over), with its release."""
    with writing(eigen_dir):
        release = releases.generation_release(description, eigen_dir)
        return store.commit_generation({"indicators": indicators, "sources": sources}, eigen_dir, description, release)


def restore_previous(eigen_dir: Path = EIGEN_DIR) -> tuple[Generation, Generation] | None:
    """Back to the generation before the current one: (left, restored), or None when there is none."""
    return store.restore_previous(eigen_dir)


@dataclass
class ImportResult:
    bestand: str
    report: list[dict]


def import_files(
    paths: list[Path],
    known_sources: pd.DataFrame,
    regions: pd.DataFrame,
    eigen_dir: Path = EIGEN_DIR,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = iter,
) -> list[ImportResult]:
    """Check every file first; write only when all are valid (one file with an error imports nothing).
    The lock is held from reading the current own data until the new generation is in use, so parallel imports
    queue instead of overwriting each other."""
    with writing(eigen_dir):
        own = read_own(eigen_dir)
        results = []
        for path in progress(paths):
            try:
                frame = read_path(path, MAX_IMPORT_BYTES)
                checked = check_frame(frame, pd.concat([known_sources, own[1]], ignore_index=True), regions)
            except (IngestError, ReadError) as err:
                raise IngestError(f"{path.name}: {err}") from err
            own, report = merge_own(own, checked)
            results.append(ImportResult(path.name, report))
        write_own(*own, eigen_dir=eigen_dir, description="ingest " + ", ".join(r.bestand for r in results))
    return results
