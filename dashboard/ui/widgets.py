"""Shared page elements: source line, CSV download, KPI card, missing-data notice."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import streamlit as st

from dashboard.data.export import FORMULA_PREFIXES, safe_csv  # noqa: F401  (moved; pages and tests import them here)
from dashboard.data.tokens import cached_data, memoize
from dashboard.format import fmt_peildatum, md_text, reliability_label


@memoize(max_entries=4)
def dataset_exports(indicators: pd.DataFrame, sources: pd.DataFrame) -> tuple[bytes, bytes, bytes]:
    """The whole dataset as CSV and Parquet and the source register as CSV; built once per data version."""
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


_source_text = cached_data(source_text)
_safe_csv = cached_data(safe_csv)


@memoize(max_entries=2048)
def table_data(frame: pd.DataFrame, columns: dict[str, str], formats: dict[str, object] | None = None) -> pa.Table:
    """What st.dataframe shows: `columns` under their Dutch names, formatted, converted to Arrow once per frame
    token (Streamlit would convert a pandas frame again on every rerun)."""
    return pa.Table.from_pandas(formatted(frame, columns, formats or {}), preserve_index=False)


@cached_data
def _labelled_csv(frame: pd.DataFrame, columns: tuple[tuple[str, str], ...]) -> bytes:
    """The CSV of exactly the chart's rows with Dutch column names (keyed on the frame's token, so cheap)."""
    return safe_csv(labelled(frame, dict(columns)))


def source_line(frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    text = _source_text(frame, sources)
    if text:
        st.caption(text)


def file_download(label: str, make: Callable[[], bytes], file_name: str, mime: str, key: str) -> None:
    """A download button whose file is made when it is clicked, not on every rerun: given bytes, Streamlit stores
    and hashes the file of every download button on every rerun (most of a small page's rerun time)."""
    # on_click="ignore": a rerun on click would register the file anew while the browser fetches it (seen as a
    # canceled download in the browser tests).
    st.download_button(
        label, data=make, file_name=file_name, mime=mime, key=key, icon=":material/download:", on_click="ignore"
    )


def download(
    frame: pd.DataFrame,
    filename: str,
    key: str,
    label: str = "Download CSV van deze grafiek",
    columns: dict[str, str] | None = None,
) -> None:
    """A CSV download of `frame`, or of only `columns` under their Dutch names (cached per frame token)."""
    if columns:
        make = functools.partial(_labelled_csv, frame, tuple(columns.items()))
    else:
        make = functools.partial(_safe_csv, frame)
    file_download(label, make, filename, "text/csv", key)


def missing(message: str) -> None:
    st.info(message, icon=":material/info:")


def labelled(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The frame with only `columns`, renamed to their Dutch labels (for the CSV: values stay numbers)."""
    return frame[list(columns)].rename(columns=columns)


def formatted(frame: pd.DataFrame, columns: dict[str, str], formats: dict[str, object]) -> pd.DataFrame:
    """As `labelled`, with formatters applied (for the on-screen table: Dutch notation)."""
    out = frame[list(columns)].copy()
    for column, formatter in formats.items():
        if column in out:
            out[column] = out[column].map(formatter)
    return out.rename(columns=columns)


def table_and_download(
    frame: pd.DataFrame,
    columns: dict[str, str],
    formats: dict[str, object],
    filename: str,
    key: str,
    caption: str = "Tabel bij de grafiek",
) -> None:
    """The table alternative of a chart and the CSV of exactly the same rows."""
    with st.expander(caption):
        st.dataframe(table_data(frame, columns, formats), hide_index=True, width="stretch")
    download(frame, filename, key=key, columns=columns)


def chart_block(
    figure,
    frame: pd.DataFrame,
    sources: pd.DataFrame,
    columns: dict[str, str],
    formats: dict[str, object],
    key: str,
    note: str | None = None,
) -> None:
    """The one way a chart is shown: the figure, an optional note, its source line, and the table + CSV of
    exactly the rows it draws (`frame`)."""
    st.plotly_chart(figure, width="stretch", key=key, config={"displaylogo": False})
    if note:
        st.caption(note)
    source_line(frame, sources)
    table_and_download(frame, columns, formats, f"{key}.csv", key=f"dl_{key}")
