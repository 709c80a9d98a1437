"""Which measurement a region map shows, and whether as level or as change (only when there is more than one); what
is published since."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_peildatum
from dashboard.views.regionale_tekorten import VIEWS


def render(
    peildata: tuple[str, ...], previous: str | None, peildatum_key: str, weergave_key: str, newer: str = ""
) -> None:
    """`previous`: the measurement before the chosen one (None: the change view is not possible); `newer`: what is
    known to be published since (said next to the peildatum, also when there is only one measurement)."""
    if newer:
        st.markdown(newer)
    if len(peildata) <= 1:
        return
    left, right = st.columns(2)
    left.selectbox("Meting", peildata[::-1], key=peildatum_key, format_func=fmt_peildatum)
    right.radio(
        "Weergave", tuple(VIEWS), key=weergave_key, format_func=VIEWS.get, horizontal=True, disabled=previous is None
    )
