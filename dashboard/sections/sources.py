"""Data & verantwoording, its sources: figures per publisher, then the whole register (searchable) on request."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_number, md_text
from dashboard.ui.widgets import table_in_expander
from dashboard.views import data as views


def render(catalogue: views.Catalogue) -> None:
    st.header("Bronnen", anchor=False)
    st.markdown(
        "Waar de cijfers vandaan komen, per uitgever:\n\n"
        + "\n".join(
            f"- **{md_text(row.publisher)}**: {fmt_number(row.cijfers)} cijfers uit {fmt_number(row.bronnen)} "
            + ("bron" if row.bronnen == 1 else "bronnen")
            for row in catalogue.publishers.itertuples()
        )
    )
    # drawn only while open: the data grid of the whole register costs the browser ~25 ms on this page and on the
    # next one (bench/felt.py), for a list most visitors do not search
    table_in_expander(
        f"Alle {fmt_number(len(catalogue.frame))} bronnen, met licentie: zoeken en sorteren",
        "open_bronnen",
        catalogue.frame,
        views.CATALOGUE_COLUMNS,
        note="Gesorteerd op het aantal cijfers dat het dashboard uit de bron haalt. Bronnen met 0 cijfers "
        "onderbouwen de indeling van de onderwijsregio's. Zoeken kan met het vergrootglas boven de tabel. "
        "Het hele register staat ook als CSV bij Downloads.",
        height=420,
        column_config={
            "Link": st.column_config.LinkColumn("Link", display_text="open", width="small"),
            "Titel": st.column_config.TextColumn("Titel", width="large"),
        },
    )
