"""The pilot onderwijstijd in the vo: how many schools, and what it is."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_number
from dashboard.ui.widgets import missing
from dashboard.views.base import FiguresView

CARDS = (
    ("pilot_onderwijstijd_scholen_totaal", "Geselecteerde scholen", "ruim "),
    ("pilot_onderwijstijd_scholen_start_sept_2024", "Start september 2024", "ruim "),
    ("pilot_onderwijstijd_scholen_start_sept_2025", "Start september 2025", "zo'n "),
)


def render(view: FiguresView) -> None:
    st.header("Pilot onderwijstijd vo", anchor=False)
    shown = [card for card in CARDS if card[0] in view.figures]
    if not shown:
        missing("Er zijn geen cijfers over de pilot onderwijstijd geladen.")
        return
    for column, (indicator, label, prefix) in zip(st.columns(len(shown)), shown):
        column.metric(label, prefix + fmt_number(view.figures[indicator]["value"]))
    extra = view.figures.get("vo_lesuren_boven_europees_gemiddelde")
    st.markdown(
        "In de pilot geven vo-scholen twee jaar lang minder lessen dan gebruikelijk, binnen de bestaande wettelijke "
        "ruimte. Ze herzien daarvoor hun lessentabel en krijgen begeleiding; de kwaliteit van het onderwijs moet "
        "overeind blijven."
        + (
            f" Het vo heeft zo'n {fmt_number(extra['value'])}% meer lesuren dan het Europees gemiddelde."
            if extra is not None
            else ""
        )
        + " Resultaten van de pilot zijn nog niet gepubliceerd."
    )
    st.caption(view.sources)
    st.caption(
        "Aantallen volgens Voion, de sectorfondsorganisatie die de pilot mede uitvoert; het definitieve aantal "
        "deelnemende scholen is niet gevonden. Opzet van de pilot: Kamerbrief voortgang werkplan."
    )
