"""The overview's small map: where the shortage is largest; a click opens that region's profile."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.maps import MAP_CONFIG, location_from_points
from dashboard.data.model.geo import ATTRIBUTION
from dashboard.data.model.sectors import REGIONAL_SECTORS, sector_name
from dashboard.format import fmt_pct
from dashboard.registry import page
from dashboard.ui.widgets import in_words, missing, table_and_download
from dashboard.views.overzicht import MapView

PROFILE_PAGE = page("regionale-tekorten").script


def render(view: MapView, chosen_sector: str) -> None:
    st.header(view.title, anchor=False)
    if chosen_sector not in REGIONAL_SECTORS:
        missing(
            f"Regionale tekortcijfers bestaan niet voor {sector_name(chosen_sector)}; de kaart toont het {view.sector}."
        )
    if view.figure is None:
        missing("Er is geen regionale meting geladen.")
        return
    left, right = st.columns([3, 2])
    with left:
        event = st.plotly_chart(
            view.figure,
            width="stretch",
            key="kaart_klein",
            on_select="rerun",
            selection_mode="points",
            config={"displayModeBar": False, **MAP_CONFIG},
        )
        clicked = location_from_points(event.selection.points if event else [])
        if clicked:
            st.switch_page(PROFILE_PAGE, query_params={"sector": view.sector, "regio": clicked})
        in_words(view.description)
        st.caption(ATTRIBUTION + ". Klik op een regio voor het regioprofiel.")
    with right:
        st.markdown("**Hoogste tekorten**")
        st.markdown("\n".join(f"- {row.region_name}: **{fmt_pct(row.value)}**" for row in view.top.itertuples()))
        st.page_link(
            PROFILE_PAGE,
            label="Naar de kaart met regioprofielen en vergelijking",
            icon=":material/map:",
            query_params={"sector": view.sector},
        )
    st.caption(view.sources)
    table_and_download(
        view.frame,
        view.columns,
        view.formats,
        f"tekort_{view.sector}_per_regio.csv",
        key="dl_kaart_klein",
        caption="Tabel bij de kaart",
    )
