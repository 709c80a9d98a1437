"""A clickable region map with its caption, attribution, source line and table + CSV; a click selects a region."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.maps import MAP_CONFIG, location_from_points
from dashboard.data.model.geo import ATTRIBUTION
from dashboard.ui import share
from dashboard.ui.widgets import in_words, missing, scroll_to_next, table_and_download
from dashboard.views.base import MapView


def tabel_link(api_query: str) -> str:
    """The Tabel maken link of a map's measurement (its API query: indicator, sector, peildata)."""
    from urllib.parse import parse_qs, urlencode

    asked = parse_qs(api_query)
    pairs = [("indicator", v) for v in asked.get("indicator", [])[:1]] + [
        ("sector", v) for v in asked.get("sector", [])[:1]
    ]
    pairs += [("gebied", "arbeidsmarktregio")] + [("peildatum", v) for v in asked.get("peildatum", [])]
    return f"/tabel?{urlencode(pairs)}"


def render(
    view: MapView, select_key: str, codes: tuple[str, ...], map_key: str = "kaart", attribution_note: str = ""
) -> None:
    """The map, its words, sources and table + CSV, all from `view`. A new click sets st.session_state[select_key]."""
    st.header(view.title, anchor=False)
    if view.caption:
        st.caption(view.caption)
    if view.figure is None:
        missing("Voor deze keuze is geen regionale meting geladen.")
        return
    event = st.plotly_chart(
        view.figure,
        on_select="rerun",
        selection_mode="points",
        key=map_key,
        width="stretch",
        config={"displayModeBar": False, "scrollZoom": False, **MAP_CONFIG},
    )
    clicked = location_from_points(event.selection.points if event else [])
    # Apply a click only when it is new: the selection survives reruns and would override the list below the map.
    last_key = f"_{map_key}_laatste"
    if clicked and clicked != st.session_state.get(last_key) and clicked in codes:
        st.session_state[select_key] = clicked
        scroll_to_next()  # the profile opens below the map: bring it into view
    st.session_state[last_key] = clicked
    in_words(view.description)
    st.caption(ATTRIBUTION + attribution_note)
    if view.sources:
        st.caption(view.sources)
    if getattr(view, "api", ""):
        url = f"/api/v1/indicators?{view.api}"
        st.caption(
            f"Open data: alle cijfers van deze meting via de API, [{url}]({url}) "
            "(CSV; `&format=json` of `&format=parquet` voor een ander formaat)."
        )
        st.caption(f"[Open in Tabel maken]({tabel_link(view.api)}): deze meting per arbeidsmarktregio als tabel.")
    table_and_download(
        view.frame,
        view.columns,
        view.formats,
        view.filename,
        key=f"dl_{map_key}",
        caption="Tabel bij de kaart",
    )
    share.render(view, view.filename.rsplit(".", 1)[0], key=map_key)
