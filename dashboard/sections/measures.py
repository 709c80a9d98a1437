"""Regelingen en maatregelen: four figures from the werkplan progress letter."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_euro, fmt_number
from dashboard.ui.widgets import metric
from dashboard.views.base import FiguresView

CARDS = (
    ("zij_instromers_met_subsidie", "Zij-instromers met subsidie", None, fmt_number, ""),
    (
        "sool_aanvragen_toegekend",
        "SOOL-subsidies",
        "Subsidie voor onderwijsondersteuners die een lerarenopleiding volgen.",
        fmt_number,
        "",
    ),
    ("meerurenbonus_kopgroep_besturen", "Kopgroep meerurenbonus", None, fmt_number, " besturen"),
    (
        "netto_extra_per_maand_dag_meer_werken",
        "Eén dag meer werken (po)",
        "Ongeveer netto extra per maand bij een gemiddeld salaris in het po.",
        fmt_euro,
        " p/m",
    ),
)


def render(view: FiguresView) -> None:
    st.header("Regelingen en maatregelen", anchor=False)
    shown = [card for card in CARDS if card[0] in view.figures]
    for column, (indicator, label, help, fmt, suffix) in zip(st.columns(max(len(shown), 1)), shown):
        row = view.figures[indicator]
        with column:
            metric(
                f"{label} ({row['year']})" if str(row.get("year", "")) else label, fmt(row["value"]) + suffix, note=help
            )
    st.caption(view.sources)
