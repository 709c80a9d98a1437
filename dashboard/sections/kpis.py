"""National shortage cards: the latest official measurement per sector and its change."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_fte, fmt_pct, fmt_peildatum, fmt_pp, reliability_label
from dashboard.texts import KIND_WORDS
from dashboard.views.overzicht import KpiView


def render(view: KpiView) -> None:
    st.header("Tekort aan leraren bij de laatste meting", anchor=False)
    if view.newer:
        st.markdown(view.newer)
    for column, kpi in zip(st.columns(len(view.kpis)), view.kpis):
        with column, st.container(border=True):
            pct, fte, label = kpi.pct, kpi.fte, kpi.sector.upper()
            if pct:
                delta = pct["delta"]
                st.metric(
                    f"{label} · {fmt_peildatum(pct['peildatum'])}",
                    fmt_pct(pct["value"]),
                    delta=None
                    if delta is None
                    else f"{fmt_pp(delta)} t.o.v. {fmt_peildatum(pct['previous_peildatum'])}",
                    delta_color="inverse",
                )
                lines = [
                    "Tekort in % van de werkgelegenheid (openstaand + verborgen).",
                    f"Soort: {KIND_WORDS['meting']}."
                    + (
                        f" Geen verschil: dit is de eerste landelijke meting in % voor het {kpi.sector}; een "
                        "eerdere officiële meting is er niet."
                        if delta is None
                        else ""
                    ),
                ]
                if fte:
                    lines.append(f"{fmt_fte(fte['value'])} · betrouwbaarheid: {reliability_label(fte['reliability'])}")
                # one caption, its lines broken: each element costs the browser its own mount on every visit
                st.caption("  \n".join(lines))
            elif kpi.fallback:
                st.metric(f"{label} · {fmt_peildatum(kpi.fallback['peildatum'])}", fmt_fte(kpi.fallback["value"]))
                kind = str(kpi.fallback.get("kind", "meting"))
                st.caption(
                    f"Soort: {KIND_WORDS.get(kind, kind)}. Geen officiële meting in %; dit cijfer is "
                    f"{reliability_label(kpi.fallback['reliability'])}."
                )
            else:
                st.metric(label, "–")
    if view.sources:
        st.caption(view.sources)
