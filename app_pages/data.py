"""Data & verantwoording: sources, definitions, reliability labels, downloads, attribution, accessibility."""

import streamlit as st

from dashboard.format import fmt_number, md_text
from dashboard.sections import methodology, sources, upload
from dashboard.ui.session import session_data
from dashboard.ui.widgets import file_download, table
from dashboard.views import data as views

catalogue = views.catalogue(session_data())
st.title("Data & verantwoording", anchor=False)
st.markdown(
    f"Dit dashboard toont **{fmt_number(catalogue.figures)} cijfers** uit **{catalogue.sources} bronnen**. "
    "Elk cijfer is met de hand overgenomen uit een openbare bron en heeft een peildatum en een betrouwbaarheid. "
    "Er staan geen geschatte of verzonnen cijfers in; waar gegevens ontbreken, zegt de pagina dat. "
    "De toegankelijkheidsverklaring staat onderaan deze pagina."
)
methodology.definitions()

sources.render(catalogue)
st.markdown(methodology.LICENCES)
st.caption(
    "Licentie: SPDX-code (CC-BY-4.0, CC0-1.0) of een omschrijving, met de vindplaats van die voorwaarden in het "
    "bronnenregister (kolom licence_url); 'onbekend' als er niets over bekend is. Herverdelen: ja als u de cijfers "
    "uit die bron mag doorgeven (met bronvermelding)."
)

st.header("Nieuwer gepubliceerd, nog niet in de data", anchor=views.NEWER_ANCHOR)
newer = views.newer(session_data())
if newer.empty:
    st.markdown("Er is geen publicatie bekend die nieuwer is dan de cijfers in dit dashboard.")
else:
    st.markdown(methodology.NEWER)
    table(
        newer,
        views.NEWER_COLUMNS,
        column_config={"Link": st.column_config.LinkColumn("Link", display_text="open", width="small")},
    )

st.header("Downloads", anchor=False)
st.markdown("De volledige dataset, in het formaat van het datacontract (één rij per cijfer).")
for index, (column, (label, file_name, mime, key)) in enumerate(zip(st.columns(3), views.DATASET_FILES)):
    with column:
        file_download(label, views.dataset_file, (catalogue, index), file_name, mime, key=key)
st.markdown(
    "Als **datapakket** (Frictionless Data): een zip met alle tabellen als CSV en een beschrijving "
    "(`datapackage.json`) van kolommen, typen, toegestane waarden, sleutels en licenties, die tools als frictionless, "
    "R en Python direct lezen. Met de eigen data van deze server, zonder een upload in deze sessie."
)
for index, (column, (label, file_name, mime, key)) in enumerate(zip(st.columns(3), views.PACKAGE_FILES)):
    with column:
        file_download(label, views.package_file, (index,), file_name, mime, key=key)
st.markdown("Open data: " + " · ".join(f"[{label}]({path})" for label, path in views.API_LINKS))

st.header("Wat is er nieuw", anchor=False)
st.caption(
    "Elke build en elke import van data legt vast wat er veranderde, per cijfer in woorden (nieuwste eerst; een "
    "build die alleen volgorde of notatie wijzigde is geen nieuws). Abonneren kan met de "
    "[Atom-feed](/api/v1/releases.atom)."
)
for number, item in enumerate(views.news()):
    st.markdown(f"**{item.when}**, {item.where}: {md_text(item.headline)}.")
    # drawn only while open: a release can list hundreds of lines, sent on every run of the page otherwise
    section = st.expander(
        f"Alles wat er veranderde ({len(item.news) or len(item.lines)})", key=f"release_{number}", on_change="rerun"
    )
    if section.open:
        with section:
            if item.news:
                st.markdown("\n".join(f"- {md_text(line)}" for line in item.news))
            st.caption(f"Datasetversie `{item.version}`, opdracht `{item.command}`. Technisch:")
            st.code("\n".join(item.lines), language=None, wrap_lines=True)  # no scrolling region (axe)

methodology.missing_and_maps()
methodology.own_data_intro()
upload.render()
methodology.accessibility_statement()
