"""Shared page elements: source line, CSV download, table + CSV, missing-data notice."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import cache, links
from dashboard.format import md_text
from dashboard.tables import shown_decimals
from dashboard.web.replica import link_key


def source_line(frame: pd.DataFrame, sources: pd.DataFrame) -> None:
    text = cache.source_text(frame, sources)
    if text:
        st.caption(text)


def file_download(label: str, maker: Callable[..., bytes], args: tuple, file_name: str, mime: str, key: str) -> None:
    """A download of the file `maker(*args)` (a @cache.view function), made when it is fetched."""
    _offer(label, links.file_spec(maker, args), file_name, mime, key, lambda: maker(*args))


def download(
    frame: pd.DataFrame,
    filename: str,
    key: str,
    label: str = "Download CSV van deze grafiek",
    columns: dict[str, str] | None = None,
    formats: dict | None = None,
) -> None:
    """A CSV download of `frame`, or of only `columns` as the page shows them (rounded as `formats` shows them, codes
    in Dutch words, empty columns left out; cached per frame token)."""
    decimals = shown_decimals(frame, formats or {}) if columns else ()
    if columns:
        make = functools.partial(cache.labelled_csv, frame, tuple(columns.items()), decimals)
    else:
        make = functools.partial(cache.safe_csv, frame)
    _offer(label, links.csv_spec(frame, columns, decimals), filename, "text/csv", key, make)


def _offer(label: str, spec: dict | None, file_name: str, mime: str, key: str, make: Callable[[], bytes]) -> None:
    """A link any replica answers (dashboard/links.py), styled as a button. A view of a session upload cannot be
    described by a link: its bytes are made now and kept with this session's run. Never a deferred Streamlit file:
    another session's finished run removes it before the browser fetches it (issue 19)."""
    url = links.url(file_name, spec, cache.version_tag(), link_key()) if spec else None
    if url:
        with st.container(key=key):  # the key names it in the page (.st-key-<key>), as the button's did
            st.html(download_link_html(label, url, file_name))
        return
    st.download_button(
        label, data=make(), file_name=file_name, mime=mime, key=key, icon=":material/download:", on_click="ignore"
    )


def download_link_html(label: str, url: str, file_name: str) -> str:
    """The link as a button (class `download-link`, styled once in app.py); the arrow is decoration only."""
    return (
        f'<a class="download-link" href="{html.escape(url)}" download="{html.escape(file_name)}">'
        f'<span aria-hidden="true">&#x2193;</span> {html.escape(label)}</a>'
    )


def metric(label: str, value: str, note: str | None = None, **kwargs) -> None:
    """st.metric with its explanation as visible text under it instead of a help icon: Streamlit names that icon
    in English ("Help for ...") and a tooltip is out of reach for touch and magnifier users."""
    st.metric(label, value, **kwargs)
    if note:
        st.caption(note)


def in_words(description: str) -> None:
    """A chart's or map's text alternative (dashboard/describe.py), right under it, shown as text (data from an
    upload can hold markdown: it is shown literally)."""
    if description:
        st.caption(f"In woorden: {md_text(description)}")


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
    download(frame, filename, key=key, columns=columns, formats=formats)
