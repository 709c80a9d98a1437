"""Data & verantwoording: sources, definitions, reliability labels, downloads, attribution, accessibility."""

import streamlit as st

from dashboard.format import fmt_number
from dashboard.sections import methodology, upload
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

st.header("Bronnen", anchor=False)
st.caption(
    "Gesorteerd op het aantal cijfers dat het dashboard uit de bron haalt. Bronnen met 0 cijfers onderbouwen de "
    "indeling van de onderwijsregio's. Zoeken kan met het vergrootglas boven de tabel."
)
table(
    catalogue.frame,
    views.CATALOGUE_COLUMNS,
    height=420,
    column_config={
        "Link": st.column_config.LinkColumn("Link", display_text="open", width="small"),
        "Titel": st.column_config.TextColumn("Titel", width="large"),
    },
)

st.header("Downloads", anchor=False)
st.markdown("De volledige dataset, in het formaat van het datacontract (één rij per cijfer).")
for index, (column, (label, file_name, mime, key)) in enumerate(zip(st.columns(3), views.DATASET_FILES)):
    with column:
        file_download(label, views.dataset_file, (catalogue, index), file_name, mime, key=key)

methodology.missing_and_maps()
methodology.own_data_intro()
upload.render()
methodology.accessibility_statement()
