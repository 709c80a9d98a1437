"""What is known about the onderwijsregio's as a whole: counts, coverage, the list, overlaps in the definition."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_number
from dashboard.sections import chart
from dashboard.ui.widgets import download, table, table_in_expander
from dashboard.views.onderwijsregios import Facts

COUNTS = (
    ("aanvragen_voorloper", "Aanvragen voorloper"),
    ("voorlopers", "Voorlopers"),
    ("onderwijsregios", "Onderwijsregio's (landelijk dekkend)"),
)
OVERVIEW_COLUMNS = {
    "onderwijsregio": "Onderwijsregio",
    "status": "Status",
    "voorloper": "Voorloper",
    "sectors": "Sectoren",
    "gemeenten": "Gemeenten (bij benadering)",
    "aliassen": "Ook genoemd",
    "waarschijnlijk_gelijk": "Waarschijnlijk dezelfde als",
    "gemeenten_zeker": "waarvan secundair of beter",
}
OVERLAP_COLUMNS = {
    "gemeente": "Gemeente",
    "gemeentecode": "Gemeentecode",
    "onderwijsregios": "Onderwijsregio's",
    "aantal": "Aantal",
}
SUMMARY_COLUMNS = {
    "sector": "Sector",
    "gemeenten": "Gemeenten in de indeling",
    "gemeenten_in_meer_regios": "In meer dan één onderwijsregio",
    "meeste_regios": "Hoogstens in",
}


def render(view: Facts, sector: str, own_definition: bool) -> None:
    st.header("De onderwijsregio's", anchor=False)
    shown = [(key, label) for key, label in COUNTS if key in view.counts]
    for column, (key, label) in zip(st.columns(max(len(shown), 1)), shown):
        value, year = view.counts[key]
        column.metric(f"{label} ({year})", fmt_number(value))
    chart.render(view.coverage, heading="bold")
    st.markdown("**Bekende onderwijsregio's en hun gemeenten**")
    st.warning(
        "Er is geen officiële lijst gepubliceerd van alle onderwijsregio's met hun gemeenten, en de OCW-lijst van de "
        "voorlopers is maar deels leesbaar. "
        + (
            "De indeling hieronder is de **geïmporteerde eigen indeling** van deze server."
            if own_definition
            else "De indeling is een benadering uit de gebiedsomschrijvingen van de regioloketten; "
            "regio's overlappen per sector."
        ),
        icon=":material/warning:",
    )
    table(view.overview, OVERVIEW_COLUMNS, height=320)
    download(
        view.overview,
        "onderwijsregios.csv",
        key="dl_oregios",
        label="Download CSV van deze lijst",
        columns=OVERVIEW_COLUMNS,
    )
    st.markdown(f"**Overlap in de indeling ({sector})**")
    table(view.overlap_summary, SUMMARY_COLUMNS)
    if view.overlaps.empty:
        st.caption(f"Geen gemeente ligt in meer dan één onderwijsregio voor het {sector}.")
    else:
        st.caption(
            f"{fmt_number(len(view.overlaps))} gemeenten liggen in meer dan één onderwijsregio voor het "
            f"{sector}; hun cijfer telt in elk van die regio's mee."
        )
        table_in_expander("Welke gemeenten, in welke regio's", "open_overlap", view.overlaps, OVERLAP_COLUMNS)
        download(
            view.overlaps,
            f"overlap_onderwijsregios_{sector}.csv",
            key="dl_overlap",
            label="Download CSV van de overlap",
            columns=OVERLAP_COLUMNS,
        )
