"""The one way a chart is shown: heading, figure, note, source line, and the table + CSV of the same rows."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import share
from dashboard.ui.widgets import in_words, missing, table_and_download
from dashboard.views.base import ChartView


def render(view: ChartView, heading: str = "subheader") -> None:
    """`heading`: "subheader", "bold" (inside a section) or "none" (the page wrote it, e.g. above a filter)."""
    if view.title and heading == "subheader":
        st.header(view.title, anchor=False)
    elif view.title and heading == "bold":
        st.markdown(f"**{view.title}**")
    if view.missing:
        missing(view.missing)
        return
    st.plotly_chart(view.figure, width="stretch", key=view.key, config={"displaylogo": False})
    in_words(view.description)
    if view.note:
        st.caption(view.note)
    if view.sources:
        st.caption(view.sources)
    table_and_download(
        view.frame, view.columns, view.formats, f"{view.key}.csv", key=f"dl_{view.key}", caption=view.caption
    )
    share.render(view, view.key, key=view.key)
