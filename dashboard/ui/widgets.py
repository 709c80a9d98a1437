"""Shared page elements: source line, CSV download, table + CSV, missing-data notice."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import cache


def source_line(frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    text = cache.source_text(frame, sources)
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
        make = functools.partial(cache.labelled_csv, frame, tuple(columns.items()))
    else:
        make = functools.partial(cache.safe_csv, frame)
    file_download(label, make, filename, "text/csv", key)


def missing(message: str) -> None:
    st.info(message, icon=":material/info:")


def table(frame: pd.DataFrame, columns: dict[str, str], formats: dict | None = None, **kwargs) -> None:
    """A table in Dutch notation under Dutch column names (converted to Arrow once per frame token)."""
    st.dataframe(cache.arrow_table(frame, columns, formats or {}), hide_index=True, width="stretch", **kwargs)


def table_in_expander(
    label: str, key: str, frame: pd.DataFrame, columns: dict[str, str], formats: dict | None = None
) -> None:
    """A table behind an expander, drawn only while it is open: a closed data grid still costs the browser its
    drawing time on every page visit (bench/felt.py measured it)."""
    section = st.expander(label, key=key, on_change="rerun")
    if section.open:
        with section:
            table(frame, columns, formats)


def table_and_download(
    frame: pd.DataFrame,
    columns: dict[str, str],
    formats: dict[str, object],
    filename: str,
    key: str,
    caption: str = "Tabel bij de grafiek",
) -> None:
    """The table alternative of a chart and the CSV of exactly the same rows."""
    table_in_expander(caption, f"open_{key}", frame, columns, formats)
    download(frame, filename, key=key, columns=columns)
