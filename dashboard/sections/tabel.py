"""Tabel maken: the table of a choice with its chart, CSV, sources per cell, API link and permalink.

The table and the chart are two tabs (URL `tabel_of_grafiek=`), and only the open one draws: the page opens on the
table, so opening it costs the browser no plotly figure (Streamlit draws a new figure twice, the first time hidden
before its width is measured; bench/README.md, "Wat overblijft"). The CSV is under both: the same rows.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.format import md_text
from dashboard.sections import chart, tabs
from dashboard.ui.widgets import download, missing, table, table_in_expander
from dashboard.views.tabel import TabelView

VIEWS = ("Tabel", "Grafiek")  # the tabs, the first open by default
WEERGAVE = tabs.param(dict.fromkeys(VIEWS), key="tabel_of_grafiek")  # own key: "weergave" is the map pages'


def render(view: TabelView) -> None:
    if view.missing:
        st.header(view.title, anchor=False)
        missing(view.missing)
        return
    st.header(view.title, anchor=False)
    st.caption(
        "Gebieden naast elkaar per peildatum; de landelijke cijfers staan er ter vergelijking onder. "
        "Een streepje: voor dat gebied op die peildatum is geen cijfer gepubliceerd."
    )
    tabs.render(WEERGAVE, {"Tabel": lambda: _table(view), "Grafiek": lambda: chart.render(view.chart, heading="none")})
    table_in_expander(
        "Bron en betrouwbaarheid per cel", "open_tabel_cells", view.cells, {c: c for c in view.cells.columns}
    )
    st.caption(
        f"Open data: precies de cijfers van de gebieden in deze tabel (de CSV) via de API, "
        f"[{md_text(view.api)}]({view.api})"
        + (f"; de landelijke: [{md_text(view.reference_api)}]({view.reference_api})" if view.reference_api else "")
        + ". Standaard CSV; `&format=json` of `&format=parquet` voor een ander formaat."
    )
    link = f"[{md_text(view.permalink)}]({view.permalink})"
    st.markdown(f"**Link naar deze tabel** (kopieer hem om de tabel te delen): {link}")
    st.code(_absolute(view.permalink), language=None, wrap_lines=True)  # no scrolling region (axe)


def _table(view: TabelView) -> None:
    table(view.pivot, {c: c for c in view.pivot.columns}, key="tabel_pivot")
    figures = view.chart
    if figures.sources:
        st.caption(figures.sources)
    download(
        figures.frame,
        f"{figures.key}.csv",
        key=f"dl_{figures.key}",
        label="Download CSV van deze tabel",
        columns=figures.columns,
        formats=figures.formats,
    )


def _absolute(path: str) -> str:
    """The permalink with this server's address, as the visitor reached it."""
    base = (st.context.url or "").split("?", 1)[0]
    root = base.rsplit("/tabel", 1)[0].rstrip("/") if "/tabel" in base else base.rstrip("/")
    return f"{root}{path}"


def kept_choice(
    label: str, shown: dict[str, str], key: str, placeholder: str, name: Callable[[str], str] = str
) -> tuple[list[str], list[str]]:
    """A multiselect over `shown` (value -> text) that keeps a value chosen in a link but without figures, named
    "(geen cijfers)": the choice, and the values it keeps without figures."""
    kept = [v for v in st.session_state[key] if v not in shown]
    chosen = st.multiselect(
        label,
        [*shown, *kept],
        placeholder=placeholder,
        key=key,
        format_func=lambda v: shown[v] if v in shown else f"{name(v)} (geen cijfers)",
    )
    return chosen, kept
