"""Shared page elements: source line, CSV download, table + CSV, missing-data notice."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import cache, links
from dashboard.format import md_text
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
    decimals = cache.shown_decimals(frame, formats or {}) if columns else ()
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


SCROLL = "_scroll_to"  # session state: a scroll is asked for (a counter, so each one is a new mark)


def scroll_to_next() -> None:
    """Ask that the page scrolls to the next `scroll_mark()` (after a map click: the profile below the map)."""
    st.session_state[SCROLL] = st.session_state.get(SCROLL, 0) + 1


def scroll_mark() -> None:
    """Where a scroll asked for lands: a mark that static/nl.js scrolls into view once (no script of our own in the
    page: the Content-Security-Policy allows none)."""
    if (count := st.session_state.pop(SCROLL, None)) is not None:
        st.html(f'<div data-nl-scroll="{int(count)}"></div>')


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
    """A table in Dutch notation under Dutch column names. Without options (`kwargs`: height, column_config) a
    static table: its cells wrap, so it fits the width at 1.400 and at 390 pixels, a screen reader reads it as a
    table, and it carries none of the data grid's English toolbar. With options the data grid (the sources list:
    searching and sorting 150 rows is worth its toolbar), converted to Arrow once per frame token."""
    if kwargs:
        st.dataframe(cache.arrow_table(frame, columns, formats or {}), hide_index=True, width="stretch", **kwargs)
        return
    shown = cache.arrow_table(frame, columns, formats or {}).to_pandas()
    # A column with one value in every row is said once under the table (the CSV keeps it): fewer columns to fit.
    same = [c for c in shown.columns[1:] if len(shown) > 2 and shown[c].astype(str).nunique() == 1]
    st.table(shown.drop(columns=same), hide_index=True)
    if same:
        st.caption("In elke rij: " + " · ".join(f"{c} {md_text(shown[c].iloc[0])}" for c in same) + ".")


def table_in_expander(
    label: str,
    key: str,
    frame: pd.DataFrame,
    columns: dict[str, str],
    formats: dict | None = None,
    note: str = "",
    **options,
) -> None:
    """A table (with `note` above it; `options` as for table()) behind an expander, drawn only while it is open: a
    closed data grid still costs the browser its drawing time on every page visit (bench/felt.py measured it)."""
    section = st.expander(label, key=key, on_change="rerun")
    if section.open:
        with section:
            if note:
                st.caption(note)
            table(frame, columns, formats, **options)


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
