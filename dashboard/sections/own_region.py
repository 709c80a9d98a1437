"""Your own region: choose gemeenten (or start from an onderwijsregio and add or remove), see the same profile,
share it by link, download it as a definition for `python -m dashboard onderwijsregios`."""

from __future__ import annotations

import streamlit as st

from dashboard.sections import oregio_profile
from dashboard.ui.state import Param
from dashboard.ui.widgets import file_download, missing
from dashboard.views.onderwijsregios import OregioData, members_of, own_profile, own_region_definition

NAME_LENGTH = 80  # characters of an own region's name (the input field and a link alike)


def _take_over(data: OregioData, source_key: str, target_key: str, name_key: str) -> None:
    code = st.session_state[source_key]
    if code:
        st.session_state[target_key] = members_of(data, code)
        st.session_state[name_key] = st.session_state[name_key] or f"{data.names[code]} (eigen indeling)"


def render(data: OregioData, gemeenten: Param, naam: Param, session=None) -> None:
    st.header("Eigen regio", anchor=False)
    st.markdown(
        "Stel uw regio samen uit gemeenten, of begin met een onderwijsregio en voeg gemeenten toe of haal ze "
        "weg. De link in de adresbalk bewaart de keuze, zodat u 'onze regio zoals wij hem zien' kunt delen."
    )
    left, right = st.columns([2, 1])
    with right:
        st.selectbox(
            "Begin met de gemeenten van",
            ("",) + data.codes,
            key="_eigen_start",
            format_func=lambda c: "Kies een onderwijsregio" if c == "" else data.names[c],
        )
        st.button(
            "Gemeenten overnemen",
            key="_eigen_overnemen",
            on_click=_take_over,
            args=(data, "_eigen_start", gemeenten.key, naam.key),
        )
    with left:
        st.text_input("Naam van uw regio", key=naam.key, max_chars=NAME_LENGTH)
        st.multiselect(
            "Gemeenten",
            tuple(data.gemeenten),
            key=gemeenten.key,
            format_func=data.gemeenten.get,
            placeholder="Kies gemeenten",
        )
    chosen = st.session_state[gemeenten.key]
    if not chosen:
        missing("Kies ten minste één gemeente om het profiel van uw regio te zien.")
        return
    name = st.session_state[naam.key] or "Eigen regio"
    oregio_profile.render(own_profile(data, name, chosen, session))
    file_download(
        "Download als indeling (CSV, om te laten importeren)",
        own_region_definition,
        (data, name, list(chosen)),
        "onderwijsregio_indeling_eigen.csv",
        "text/csv",
        key="dl_eigen_def",
    )
    st.caption(
        "Het bestand bevat de huidige indeling plus uw regio. De beheerder van de server kan het importeren als "
        "indeling voor iedereen; een import vervangt de hele indeling."
    )
