"""The meer-uren calculator: what working more hours yields against the shortage (all input in the URL)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.format import fmt_fte, fmt_number, fmt_pct, fmt_peildatum
from dashboard.ui.state import Param
from dashboard.ui.widgets import metric
from dashboard.views.behoud import Calculator, Outcome, fte_choices

FORMULA = (
    "Per fte werkgelegenheid werken er 1 / *gemiddelde aanstelling* leraren. Daarvan werkt het *aandeel "
    "deeltijders* in deeltijd, en van hen gaat het *aandeel dat extra werkt* 0,2 fte (één dag) meer werken.\n\n"
    "**extra (% van werkgelegenheid) = aandeel deeltijders × aandeel dat extra werkt × 0,2 / gemiddelde "
    "aanstelling**\n\n**gedekt deel van het tekort = extra / tekort**\n\n"
    "Standaardwaarden: po 75% deeltijd en 0,7 fte gemiddeld (Kamerbrief meerurenbonus); vo 38% deeltijd "
    "(Arbeidsmarktplatform PO) en 0,85 fte (oud cijfer). 10% van de deeltijders een dag extra is wat onderzoek van "
    "ResearchNed vond bij een bonus van 150 euro netto per maand; bij 400 euro was dat ongeveer 40%. Alle invoer "
    "staat in de link, zodat een berekening te delen is."
)


def _fte_label(value: float) -> str:
    """0.7 -> '0,70 fte' (two decimals, as appointments are said: 0,85 fte)."""
    return f"{fmt_number(value, 2)} fte"


def covered(pct: float) -> str:
    """The covered share as said on the page: above 100% the extra hours are more than the whole shortage."""
    if pct > 100:
        return f"Meer dan het hele tekort ({fmt_pct(pct, 0)})"
    return fmt_pct(pct, 0)


def render(
    view: Calculator,
    regio: Param,
    deeltijd: Param,
    extra: Param,
    gem_fte: Param,
    outcome: Callable[[str, float, float, float], Outcome],
) -> None:
    """`outcome(region, deeltijd, extra, gem_fte)`: the view that computes (views.behoud.meer_uren); this only draws."""
    st.header("Rekenhulp: wat levert meer uren werken op?", anchor=False)
    # The fields have no bounds of their own: a value from a link outside the range stays in the field and in the
    # link as it was asked (extra=-5 shows -5), and the view refuses it with the range (MEER_UREN_BOUNDS).
    c1, c2 = st.columns(2)
    with c1:
        st.selectbox("Gebied", tuple(view.names), key=regio.key, format_func=view.names.get)
        st.number_input("Aandeel leraren dat in deeltijd werkt (%)", step=1.0, format="%.0f", key=deeltijd.key)
    with c2:
        st.number_input(
            "Aandeel deeltijders dat één dag (0,2 fte) extra gaat werken (%)",
            step=1.0,
            format="%.0f",
            key=extra.key,
        )
        st.select_slider(
            "Gemiddelde aanstelling van een leraar",
            fte_choices(st.session_state[gem_fte.key]),
            key=gem_fte.key,
            format_func=_fte_label,
        )
    region = st.session_state[regio.key]
    result = outcome(region, *(float(st.session_state[p.key]) for p in (deeltijd, extra, gem_fte)))
    if result.refused:
        st.warning(
            f"{result.refused} De rekenhulp rekent daar niet mee; pas de invoer hierboven aan.",
            icon=":material/warning:",
        )
        return
    r1, r2, r3 = st.columns(3)
    with r1:
        metric(
            f"Tekort {view.sector}, {view.names[region]}",
            fmt_pct(result.shortage),
            note=(
                f"Laatste officiële meting: {fmt_peildatum(view.peildatum)}."
                if region == "NL01"
                else "Laatste meting in deze regio."
            )
            if view.peildatum
            else None,
        )
    r2.metric("Extra uren, in % van de werkgelegenheid", fmt_pct(result.extra_pct, 2))
    r3.metric("Deel van het tekort dat zo wordt gedekt", covered(result.covered_pct))
    if result.extra_fte is not None:
        st.markdown(
            f"Landelijk is dat ongeveer **{fmt_fte(round(result.extra_fte, -1))}** extra, tegen een tekort van "
            f"ongeveer **{fmt_fte(round(result.tekort_fte, -2))}** (werkgelegenheid afgeleid: "
            f"{fmt_fte(result.werkgelegenheid_fte)}; meting {fmt_peildatum(view.peildatum)})."
        )
    else:
        st.caption("De werkgelegenheid per regio is niet gepubliceerd; daarom alleen percentages, geen fte.")
    if region == "NL01" and view.newer:
        st.caption(view.newer)
    with st.expander("Formule en aannames"):
        st.markdown(FORMULA)
    st.caption(view.sources)
