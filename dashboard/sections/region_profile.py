"""An arbeidsmarktregio's (or G5 gemeente's) profile: figures against national, development, gemeenten,
the onderwijsregio's in the area."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.data.model.sectors import regional_sector
from dashboard.format import fmt_pct, fmt_peildatum, fmt_pp, reliability_label
from dashboard.sections import chart
from dashboard.ui import share
from dashboard.ui.filters import SECTOR
from dashboard.ui.widgets import file_download, metric, missing, table
from dashboard.views.regionale_tekorten import ProfileView

COVERING_COLUMNS = {
    "onderwijsregio": "Onderwijsregio",
    "status": "Status",
    "sectors": "Sectoren",
    "gemeenten_in_regio": "Gemeenten in dit gebied",
    "betrouwbaarheid": "Betrouwbaarheid",
}


def render(view: ProfileView, pdf: tuple[Callable[..., bytes], tuple]) -> None:
    """`pdf`: the view function that makes the regioprofiel and its arguments."""
    st.subheader(view.name, anchor=False)
    for column, row in zip(st.columns(max(len(view.cards), 1)), view.cards.itertuples()):
        with column:
            metric(
                f"Tekort {row.sector}, {fmt_peildatum(row.peildatum)}",
                fmt_pct(row.value),
                note=f"Landelijk {fmt_pct(row.landelijk)}. Plaats {row.rang} van {row.aantal} gebieden "
                "(plaats 1 = hoogste tekort). "
                f"Betrouwbaarheid: {reliability_label(row.reliability)}.",
                delta=fmt_pp(row.verschil) + " t.o.v. landelijk",
                delta_color="inverse",
            )
    if view.cards_sources:
        st.caption(view.cards_sources)
    if view.history is not None:
        chart.render(view.history, heading="bold")
    if len(view.cards):
        level = "gemeente" if view.code.startswith("GM") else "arbeidsmarktregio"
        sector = regional_sector(st.session_state.get(SECTOR.key, SECTOR.default))
        link = share.tabel_link("tekort_pct", sector, level, [view.code])
        st.caption(f"[Open in Tabel maken]({link}): elke meting van {view.name} naast de landelijke, als tabel.")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Gemeenten ({len(view.gemeenten)})**")
        st.write(", ".join(view.gemeenten["region_name"]))
        if view.code.startswith("AM"):
            st.caption(
                "Het cijfer van de arbeidsmarktregio is waarschijnlijk exclusief de G5-gemeente die apart "
                "op de kaart staat (de bron zegt dit niet expliciet)."
            )
    with right:
        st.markdown("**Onderwijsregio's in dit gebied (bij benadering)**")
        if view.covering.empty:
            missing("Voor dit gebied is geen onderwijsregio bekend in onze bronnen.")
        else:
            table(view.covering, COVERING_COLUMNS)
            st.caption(
                "Lidmaatschap afgeleid uit de gebiedsomschrijvingen van de regioloketten (Het Onderwijsloket, "
                "2025) en de voorloperlijst van OCW: een benadering, geen officiële indeling. Zie de pagina "
                "Onderwijsregio's voor hun profiel."
            )
    maker, args = pdf
    file_download(
        "Download regioprofiel (PDF)",
        maker,
        (*args, share.address()),  # the PDF links to this exact view
        f"regioprofiel_{view.code}.pdf",
        "application/pdf",
        key="pdf_arbeidsmarktregio",
    )
