"""What a chart's table, CSV and source line show: pure functions of a frame (cached in dashboard/cache.py).

One place for the column labels that tables and CSVs share (COLUMN_LABELS), so a table and its CSV can never name
a column differently.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pyarrow as pa

from dashboard import cached
from dashboard.data.model.contract import KINDS, public_dates
from dashboard.data.publish.export import FORMULA_PREFIXES, safe_csv  # noqa: F401 (the one CSV of page and API)
from dashboard.format import fmt_peildatum, md_text, reliability_label

# Dutch labels of the contract columns, shared by every table and CSV.
COLUMN_LABELS = {
    "region_code": "Regiocode",
    "region_name": "Regio",
    "geo_level": "Niveau",
    "peildatum": "Peildatum",
    "year": "Jaar",
    "reliability": "Betrouwbaarheid",
    "source_id": "Bron-id",
    "kind": "Soort",
    "sector": "Sector",
    "vak": "Vak",
    "note": "Toelichting",
}


# Columns that hold codes, and the page's Dutch words for them: a table and a CSV show the words, the API the codes.
CODE_WORDS = {"reliability": reliability_label, "lidmaatschap": reliability_label}
DECIMALS = re.compile(r"\d,(\d+)")  # the decimals of a number in Dutch notation ("9,0%", "1.234,56 fte")


def labels(*columns: str | tuple[str, str]) -> dict[str, str]:
    """Column -> Dutch label in the order given: a name takes the shared label, a (column, label) pair its own."""
    return dict(c if isinstance(c, tuple) else (c, COLUMN_LABELS[c]) for c in columns)


def labelled(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The frame with only `columns`, renamed to their Dutch labels (for the CSV: values stay numbers)."""
    return frame[list(columns)].rename(columns=columns)


@cached.output  # formats every value of the frame: once per frame, not in every run of the page
def shown_decimals(frame: pd.DataFrame, formats: dict[str, object]) -> tuple[tuple[str, int], ...]:
    """(column, decimals) of each number column that the page formats: as many decimals as the page shows
    (fmt_pct: one, fmt_fte: none), so the CSV rounds as the table does."""
    found = []
    for column, formatter in formats.items():
        if column in frame and pd.api.types.is_numeric_dtype(frame[column]) and callable(formatter):
            shown = frame[column].dropna().map(formatter).astype(str).str.extract(DECIMALS)[0].str.len()
            found.append((column, int(shown.max()) if shown.notna().any() else 0))
    return tuple(found)


def _empty(values: pd.Series) -> bool:
    return bool(values.isna().all() or values.astype(str).str.strip().isin(["", "nan", "<NA>", "None"]).all())


def as_shown(frame: pd.DataFrame, columns: dict[str, str], decimals: tuple[tuple[str, int], ...] = ()) -> pd.DataFrame:
    """What the page shows, as data (for the CSV): only `columns` that hold a value in some row, numbers rounded to
    the page's decimals (still numbers), codes as the page's Dutch words (CODE_WORDS), under the Dutch labels."""
    keep = {c: label for c, label in columns.items() if not (len(frame) and _empty(frame[c]))}
    out = frame[list(keep)].copy()
    for column, places in decimals:
        if column in out and pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].round(places)
            if places == 0 and out[column].notna().all():
                out[column] = out[column].astype("int64")
    for column, words in CODE_WORDS.items():
        if column in out:
            out[column] = out[column].map(lambda v, words=words: words(v) if isinstance(v, str) and v else v)
    return out.rename(columns=keep)


@cached.output
def labelled_csv(
    frame: pd.DataFrame, columns: tuple[tuple[str, str], ...], decimals: tuple[tuple[str, int], ...] = ()
) -> bytes:
    """The CSV of exactly the chart's rows as the page shows them (as_shown), with Dutch column names."""
    return safe_csv(as_shown(frame, dict(columns), decimals))


def formatted(frame: pd.DataFrame, columns: dict[str, str], formats: dict[str, object]) -> pd.DataFrame:
    """As `labelled`, with formatters applied (for the on-screen table: Dutch notation). A code column is always
    shown in the page's Dutch words (CODE_WORDS) unless `formats` says otherwise; a column without a value in any
    row is left out, as in the CSV."""
    columns = {c: label for c, label in columns.items() if not (len(frame) and _empty(frame[c]))}
    out = frame[list(columns)].copy()
    for column, formatter in {**CODE_WORDS, **formats}.items():
        if column in out:
            out[column] = out[column].map(formatter)
    return out.rename(columns=columns)


def arrow_table(frame: pd.DataFrame, columns: dict[str, str], formats: dict[str, object] | None = None) -> pa.Table:
    """What st.dataframe shows, converted to Arrow once (Streamlit would convert a pandas frame every rerun)."""
    return pa.Table.from_pandas(formatted(frame, columns, formats or {}), preserve_index=False)


def dataset_exports(indicators: pd.DataFrame, sources: pd.DataFrame) -> tuple[bytes, bytes, bytes]:
    """The whole dataset as CSV and Parquet (one format per date column: contract.public_dates) and the source
    register as CSV."""
    indicators = public_dates(indicators)
    buffer = io.BytesIO()
    indicators.to_parquet(buffer, index=False)
    return safe_csv(indicators), buffer.getvalue(), safe_csv(sources)


def _reliability_short(code: str) -> str:
    """'betrouwbaar (officiële bron)' -> 'betrouwbaar': the label without its explanation (the Data page has it)."""
    return reliability_label(code).split(" (")[0]


def _source_item(source_id: str, rows: pd.DataFrame, sources: pd.DataFrame) -> tuple[str, str]:
    """(publisher, '[Title](url) (year; peildatum ...; reliability)') of one source behind a frame; the publisher
    of a user's own data starts with '**Eigen data**: '."""
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        return str(source_id), ""
    src = match.iloc[0]
    title = md_text(src["title"])
    # the address only (a register entry may add '(origineel: ...)' after it), parentheses escaped for markdown
    url = (str(src["url"]).split() or [""])[0].replace("(", "%28").replace(")", "%29")
    link = f"[{title}]({url})" if url.startswith(("http://", "https://")) else title
    dates = sorted({fmt_peildatum(str(p)) for p in rows.get("peildatum", pd.Series(dtype=str))})
    rel = sorted({_reliability_short(r) for r in rows.get("reliability", pd.Series(dtype=str))})
    detail = [md_text(src["year"])] if str(src["year"]) not in ("", "nan", "<NA>") else []
    if dates:
        detail.append("peildatum " + ", ".join(dates[:4]) + (" e.a." if len(dates) > 4 else ""))
    if rel:
        detail.append(", ".join(rel))
    if kinds := sorted(set(rows.get("kind", pd.Series(dtype=str))) & set(KINDS), key=KINDS.index):
        detail.append(", ".join(kinds))  # what the figures are: meting, bericht, raming, afgeleid
    own = "**Eigen data**: " if str(src["kind"]).startswith("eigen") else ""  # marked first, wherever it appears
    return f"{own}{md_text(src['publisher'])}", link + (f" ({'; '.join(detail)})" if detail else "")


@cached.output
def source_text(frame: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The sources behind a frame, each with its year, peildata and reliability. One source: 'Bron: Publisher,
    [Title](url) (year; peildatum okt 2023; betrouwbaar)'. More: 'Bronnen:' and one line per publisher (in the
    order the frame names them), its titles after it, so a chart drawn from seven sources stays readable."""
    if frame.empty or "source_id" not in frame:
        return ""
    by_publisher: dict[str, list[str]] = {}
    for source_id, rows in frame.groupby("source_id", sort=False):
        publisher, item = _source_item(source_id, rows, sources)
        by_publisher.setdefault(publisher, []).append(item)
    if len(by_publisher) == 1 and len(next(iter(by_publisher.values()))) == 1:
        publisher, (item,) = next(iter(by_publisher.items()))
        return f"Bron: {publisher}, {item}" if item else f"Bron: {publisher}"
    lines = [
        f"{publisher}: " + " · ".join(i for i in items if i) if any(items) else publisher
        for publisher, items in by_publisher.items()
    ]
    return "Bronnen:  \n" + "  \n".join(lines)
