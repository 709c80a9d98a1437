"""The five broad qualification clusters for the beroepsgerichte vmbo (LWB advice)."""

from __future__ import annotations

import streamlit as st

from dashboard.texts import LWB_CLUSTERS


def render(sources: str) -> None:
    st.header("Beroepsgericht vmbo: vijf bevoegdheidsclusters", anchor=False)
    st.markdown(
        "Leraren van praktijkvakken in het beroepsgerichte vmbo hebben nu een bevoegdheid per vak. De Landelijke "
        "Werkgroep Bevoegd (LWB) adviseerde die te koppelen aan een breder cluster, zodat een leraar breder inzetbaar "
        "is en het lesprogramma beter kan inspelen op wat leerlingen nodig hebben. Het kabinet nam het advies over; "
        "daarvoor is een wetswijziging nodig. De vijf clusters:"
    )
    st.markdown("\n".join(f"{number}. {cluster}" for number, cluster in enumerate(LWB_CLUSTERS, start=1)))
    if sources:
        st.caption(sources)
