"""The overview's "where is the shortage largest": the regions with the highest and lowest figures, and the map on
the tab next to them (a click there opens that region's profile).

The list opens and the map draws only when its tab is open (URL `lijst_of_kaart=Kaart`): Streamlit draws every new
plotly figure twice when a page opens, the first time hidden (bench/README.md, "Wat overblijft"), and the overview
already draws its trend; the full map with profiles is one link away. The tab's key is its own, not "weergave": a key
is per session, and "weergave" is a choice of the map pages.
"""

from __future__ import annotations

import streamlit as st

from dashboard.charts.maps import MAP_CONFIG, location_from_points
from dashboard.data.model.geo import ATTRIBUTION
from dashboard.data.model.sectors import REGIONAL_SECTORS, sector_name
from dashboard.format import fmt_pct
from dashboard.registry import page
from dashboard.sections import tabs
from dashboard.ui.widgets import in_words, missing, table_and_download
from dashboard.views.overzicht import MapView

PROFILE_PAGE = page("regionale-tekorten").script
VIEWS = ("Ranglijst", "Kaart")  # the tabs, the first open by default
WEERGAVE = tabs.param(dict.fromkeys(VIEWS), key="lijst_of_kaart")


def render(view: MapView, chosen_sector: str) -> None:
    st.header(view.title, anchor=False)
    if chosen_sector not in REGIONAL_SECTORS:
        missing(
            f"Regionale tekortcijfers bestaan niet voor {sector_name(chosen_sector)}; de kaart toont het {view.sector}."
        )
    if view.figure is None:
        missing("Er is geen regionale meting geladen.")
        return
    tabs.render(WEERGAVE, {"Ranglijst": lambda: _ranking(view), "Kaart": lambda: _map(view)})
    in_words(view.description)
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
        caption="Tabel met alle regio's",
    )


def _listed(title: str, rows) -> None:
    st.markdown(f"**{title}**")
    st.markdown("\n".join(f"- {row.region_name}: **{fmt_pct(row.value)}**" for row in rows.itertuples()))


def _ranking(view: MapView) -> None:
    highest, lowest = st.columns(2)
    with highest:
        _listed("Hoogste tekorten", view.top)
    with lowest:
        _listed("Laagste tekorten", view.bottom)


def _map(view: MapView) -> None:
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
    st.caption(ATTRIBUTION + ". Klik op een regio voor het regioprofiel.")
