"""Loading a user's own figures (CSV in the `indicators` contract) next to the embedded dataset.

A malformed or hostile file is rejected with a Dutch message that says what is wrong and where; nothing is
written then. An accepted file is written to a temporary file and renamed into place, so the data that was
there stays intact if anything fails halfway. Own figures live in data/eigen/ (not in git) and are merged
with the embedded dataset by `dashboard.data.load`.

Run from the command line: python -m dashboard.data.ingest mijn_cijfers.csv
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

from dashboard.data.contract import SCHEMAS, ContractError, validate
from dashboard.data.paths import DATA_DIR, EIGEN_DIR

MAX_BYTES = 5_000_000
MAX_ROWS = 200_000
SOURCE_COLUMNS = {"bron_titel": "title", "bron_uitgever": "publisher", "bron_jaar": "year", "bron_url": "url"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HTML = re.compile(r"<\s*[a-zA-Z/!]")


class IngestError(ValueError):
    """The upload is rejected; the message is Dutch and says what and where."""


THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _row_list(mask: pd.Series) -> str:
    rows = [str(i + 1) for i in mask.to_numpy().nonzero()[0][:5]]  # 1 = first row under the header, as in contract
    more = int(mask.sum()) - len(rows)
    return ", ".join(rows) + (f" (en nog {more})" if more > 0 else "")


def parse_csv(raw: bytes) -> pd.DataFrame:
    """Bytes -> frame of strings; size, encoding and CSV structure checked first."""
    if len(raw) > MAX_BYTES:
        raise IngestError(f"Het bestand is te groot ({len(raw) / 1e6:.1f} MB); het maximum is {MAX_BYTES / 1e6:.0f} MB.")
    if not raw.strip():
        raise IngestError("Het bestand is leeg.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise IngestError(f"Het bestand is geen UTF-8-tekst (fout bij byte {err.start}). Sla het op als CSV UTF-8.") \
            from err
    if "\x00" in text:
        raise IngestError("Het bestand bevat binaire gegevens; alleen CSV-tekst is toegestaan.")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as err:
        raise IngestError(f"Het bestand is geen geldige CSV: {err}") from err
    if delimiter == ";":  # Dutch spreadsheet export (and our own CSV downloads): 1.234,5 -> 1234.5
        for column in ("value", "year"):
            if column in frame:
                frame[column] = frame[column].map(dutch_number)
    if len(frame) > MAX_ROWS:
        raise IngestError(f"Het bestand heeft {len(frame)} rijen; het maximum is {MAX_ROWS}.")
    return frame


def dutch_number(text: str) -> str:
    if THOUSANDS.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    if DECIMAL_COMMA.fullmatch(text):
        return text.replace(",", ".")
    return text


def reject_hostile_cells(frame: pd.DataFrame) -> None:
    """Formulas (CSV injection) and HTML in text cells are refused, with column and row."""
    for column in frame.columns:
        cells = frame[column].astype(str)
        numeric = pd.to_numeric(cells, errors="coerce").notna()
        formula = cells.str.startswith(FORMULA_START) & ~numeric
        if formula.any():
            raise IngestError(
                f"Kolom '{column}', rij {_row_list(formula)}: de cel begint met '{cells[formula].iloc[0][:1]}' en "
                "zou in een spreadsheet als formule worden uitgevoerd. Formules zijn niet toegestaan."
            )
        html = cells.str.contains(HTML)
        if html.any():
            raise IngestError(f"Kolom '{column}', rij {_row_list(html)}: de cel bevat HTML; alleen platte tekst is "
                              "toegestaan.")


def new_sources(frame: pd.DataFrame, known_ids: set[str]) -> pd.DataFrame:
    """Source rows for source_ids that are not yet registered, from the optional bron_* columns."""
    unknown = ~frame["source_id"].isin(known_ids)
    if not unknown.any():
        return pd.DataFrame(columns=SCHEMAS["sources"].column_names)
    has_columns = {"bron_titel", "bron_uitgever"} <= set(frame.columns)
    if not has_columns:
        ids = ", ".join(sorted(frame.loc[unknown, "source_id"].unique())[:5])
        raise IngestError(
            f"Kolom 'source_id', rij {_row_list(unknown)}: onbekende bron ({ids}). Gebruik een bron uit het "
            "bronnenregister of voeg de kolommen bron_titel en bron_uitgever (en eventueel bron_jaar, bron_url) toe."
        )
    rows = frame[unknown].drop_duplicates("source_id")
    sources = pd.DataFrame({"source_id": rows["source_id"], "kind": "eigen upload"})
    for upload_col, source_col in SOURCE_COLUMNS.items():
        sources[source_col] = rows[upload_col] if upload_col in rows else ""
    try:
        return validate(sources, "sources")
    except ContractError as err:
        raise IngestError(str(err).replace("Tabel 'sources'", "De bronkolommen")) from err


def check_upload(raw: bytes, known_source_ids: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse and validate an upload; return (indicators, new sources) or raise IngestError."""
    frame = parse_csv(raw)
    reject_hostile_cells(frame)
    try:
        indicators = validate(frame, "indicators")
    except ContractError as err:
        raise IngestError(str(err)) from err
    return indicators, new_sources(frame, known_source_ids)


def atomic_write_parquet(frame: pd.DataFrame, target: Path) -> None:
    """Write next to the target, then rename: a crash leaves either the old or the new file, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def read_own(eigen_dir: Path = EIGEN_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    ind, src = eigen_dir / "indicators.parquet", eigen_dir / "sources.parquet"
    indicators = pd.read_parquet(ind) if ind.exists() else pd.DataFrame(columns=SCHEMAS["indicators"].column_names)
    sources = pd.read_parquet(src) if src.exists() else pd.DataFrame(columns=SCHEMAS["sources"].column_names)
    return indicators, sources


def add_own(raw: bytes, known_source_ids: set[str], eigen_dir: Path = EIGEN_DIR) -> int:
    """Validate and append an upload to the own figures; returns the number of rows added."""
    own_ind, own_src = read_own(eigen_dir)
    indicators, sources = check_upload(raw, known_source_ids | set(own_src["source_id"]))
    merged_src = pd.concat([own_src, sources], ignore_index=True) if len(sources) else own_src
    merged_ind = pd.concat([own_ind, indicators], ignore_index=True) if len(own_ind) else indicators
    # Sources first: indicators then never point at a source that is not there.
    atomic_write_parquet(validate(merged_src, "sources"), eigen_dir / "sources.parquet")
    atomic_write_parquet(validate(merged_ind, "indicators"), eigen_dir / "indicators.parquet")
    return len(indicators)


def remove_own(eigen_dir: Path = EIGEN_DIR) -> None:
    for name in ("indicators.parquet", "sources.parquet"):
        (eigen_dir / name).unlink(missing_ok=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Gebruik: python -m dashboard.data.ingest <bestand.csv>")
    known = set(pd.read_parquet(DATA_DIR / "sources.parquet")["source_id"])
    try:
        added = add_own(Path(sys.argv[1]).read_bytes(), known)
    except IngestError as error:
        sys.exit(f"Afgewezen: {error}")
    print(f"{added} rijen toegevoegd aan {EIGEN_DIR}.")
