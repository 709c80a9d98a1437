"""The route via the mbo: three figures from the werkplan progress letter."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_number
from dashboard.ui.widgets import metric, missing
from dashboard.views.base import FiguresView

CARDS = (
    (
        "afgestudeerden_onderwijsassistent",
        "Afgestudeerde onderwijsassistenten per jaar",
        "Een kwart van hen gaat naar de pabo.",
    ),
    ("samenwerkingsverbanden_pabo_mbo_keuzedeel", "Pabo-mbo-samenwerkingen met keuzedeel Voorbereiding pabo", None),
    ("voorloperregios_met_mbo_als_opleider", "Voorloperregio's met het mbo als opleider", None),
)


def render(view: FiguresView) -> None:
    st.header("De route via het mbo", anchor=False)
    shown = [(indicator, label, help) for indicator, label, help in CARDS if indicator in view.figures]
    if not shown:
        missing("Er zijn geen cijfers over de route via het mbo geladen.")
        return
    voorlopers = view.figures.get("voorlopers_onderwijsregio")
    for column, (indicator, label, help) in zip(st.columns(len(shown)), shown):
        value = fmt_number(view.figures[indicator]["value"])
        if indicator == "voorloperregios_met_mbo_als_opleider" and voorlopers is not None:
            value += f" van {fmt_number(voorlopers['value'])}"
        with column:
            metric(label, value, note=help)
    st.caption(view.sources)
