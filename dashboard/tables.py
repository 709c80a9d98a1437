"""What a chart's table, CSV and source line show: pure functions of a frame (cached in dashboard/cache.py).

One place for the column labels that tables and CSVs share (COLUMN_LABELS), so a table and its CSV can never name
a column differently.
"""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa

from dashboard.data.export import FORMULA_PREFIXES, safe_csv  # noqa: F401 (the one CSV of page and API)
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


def labels(*columns: str | tuple[str, str]) -> dict[str, str]:
    """Column -> Dutch label in the order given: a name takes the shared label, a (column, label) pair its own."""
    return dict(c if isinstance(c, tuple) else (c, COLUMN_LABELS[c]) for c in columns)


def labelled(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The frame with only `columns`, renamed to their Dutch labels (for the CSV: values stay numbers)."""
    return frame[list(columns)].rename(columns=columns)


def labelled_csv(frame: pd.DataFrame, columns: tuple[tuple[str, str], ...]) -> bytes:
    """The CSV of exactly the chart's rows with Dutch column names."""
    return safe_csv(labelled(frame, dict(columns)))


def formatted(frame: pd.DataFrame, columns: dict[str, str], formats: dict[str, object]) -> pd.DataFrame:
    """As `labelled`, with formatters applied (for the on-screen table: Dutch notation). A reliability column is
    always shown as its Dutch label unless `formats` says otherwise (the CSV keeps the code)."""
    out = frame[list(columns)].copy()
    for column, formatter in {"reliability": reliability_label, **formats}.items():
        if column in out:
            out[column] = out[column].map(formatter)
    return out.rename(columns=columns)


def arrow_table(frame: pd.DataFrame, columns: dict[str, str], formats: dict[str, object] | None = None) -> pa.Table:
    """What st.dataframe shows, converted to Arrow once (Streamlit would convert a pandas frame every rerun)."""
    return pa.Table.from_pandas(formatted(frame, columns, formats or {}), preserve_index=False)


def dataset_exports(indicators: pd.DataFrame, sources: pd.DataFrame) -> tuple[bytes, bytes, bytes]:
    """The whole dataset as CSV and Parquet and the source register as CSV."""
    buffer = io.BytesIO()
    indicators.to_parquet(buffer, index=False)
    return safe_csv(indicators), buffer.getvalue(), safe_csv(sources)


def source_text(frame: pd.DataFrame, sources: pd.DataFrame) -> str:
    """'Bron: Publisher, Title (year) · peildatum · betrouwbaarheid' for the sources behind a frame."""
    if frame.empty or "source_id" not in frame:
        return ""
    parts = []
    for source_id, rows in frame.groupby("source_id", sort=False):
        match = sources[sources["source_id"] == source_id]
        if match.empty:
            parts.append(str(source_id))
            continue
        src = match.iloc[0]
        title = md_text(src["title"])
        url = str(src["url"]).replace(")", "%29").replace(" ", "%20")
        link = f"[{title}]({url})" if url.startswith(("http://", "https://")) else title
        dates = sorted({fmt_peildatum(str(p)) for p in rows.get("peildatum", pd.Series(dtype=str))})
        rel = sorted({reliability_label(r) for r in rows.get("reliability", pd.Series(dtype=str))})
        detail = []
        if dates:
            detail.append("peildatum " + ", ".join(dates[:4]) + (" e.a." if len(dates) > 4 else ""))
        if rel:
            detail.append("betrouwbaarheid: " + ", ".join(rel))
        own = "**Eigen data**: " if str(src["kind"]).startswith("eigen") else ""
        parts.append(
            f"{own}{md_text(src['publisher'])}, {link} ({md_text(src['year'])})"
            + (" · " + " · ".join(detail) if detail else "")
        )
    return "Bron: " + "; ".join(parts)
