"""Data & verantwoording: sources, definitions, reliability labels, downloads, attribution, accessibility."""

import streamlit as st

from dashboard.data.geo import ATTRIBUTION
from dashboard.data.ingest import MAX_UPLOAD_BYTES, IngestError
from dashboard.data.load import SESSION_KEY, load_indicators, load_table, session_own
from dashboard.data.tokens import register
from dashboard.format import RELIABILITY_LABELS, fmt_number, md_text
from dashboard.texts import DEFINITIONS
from dashboard.ui.memo import metrics
from dashboard.ui.widgets import dataset_exports, file_download, table_data
from dashboard.web.upload import UPLOAD_MB, checked_upload, dutch_refusals

indicators = load_indicators()
sources = load_table("sources")

st.title("Data & verantwoording")
st.markdown(
    f"Dit dashboard toont **{fmt_number(len(indicators))} cijfers** uit "
    f"**{indicators['source_id'].nunique()} bronnen**. "
    "Elk cijfer is met de hand overgenomen uit een openbare bron en heeft een peildatum en een betrouwbaarheid. "
    "Er staan geen geschatte of verzonnen cijfers in; waar gegevens ontbreken, zegt de pagina dat."
)

st.subheader("Begrippen")
st.markdown("\n\n".join(f"**{term}**: {text}" for term, text in DEFINITIONS))

st.subheader("Betrouwbaarheid")
st.markdown("\n".join(f"- **{label}** (`{code}`)" for code, label in RELIABILITY_LABELS.items()))
st.markdown(
    "Officieel betekent: direct gelezen in een publicatie van OCW, Centerdata, DUO, DUS-I, OESO of een "
    "Kamerstuk. Secundair: een nieuwsbericht of sectororganisatie die een officiële bron aanhaalt. Cijfers met "
    "verschillende betrouwbaarheid of definitie worden niet in één lijn getoond zonder dat te zeggen."
)

st.subheader("Bronnen")
catalogue = metrics.source_catalogue(indicators, sources)
columns = {
    "publisher": "Uitgever",
    "title": "Titel",
    "url": "Link",
    "meet": "Meet",
    "peildata": "Peildata",
    "betrouwbaarheid": "Betrouwbaarheid",
    "cijfers": "Aantal cijfers",
    "year": "Jaar",
}
st.caption(
    "Gesorteerd op het aantal cijfers dat het dashboard uit de bron haalt. Bronnen met 0 cijfers onderbouwen de "
    "indeling van de onderwijsregio's. Zoeken kan met het vergrootglas boven de tabel."
)
st.dataframe(
    table_data(catalogue, columns),
    hide_index=True,
    width="stretch",
    height=420,
    column_config={
        "Link": st.column_config.LinkColumn("Link", display_text="open", width="small"),
        "Titel": st.column_config.TextColumn("Titel", width="large"),
    },
)

st.subheader("Downloads")
st.markdown("De volledige dataset, in het formaat van het datacontract (één rij per cijfer).")
DATASET_FILES = (  # label, file name, mime type, widget key; in the order of dataset_exports()
    ("Alle cijfers (CSV)", "lerarentekort_cijfers.csv", "text/csv", "dl_all_csv"),
    ("Alle cijfers (Parquet)", "lerarentekort_cijfers.parquet", "application/octet-stream", "dl_all_parquet"),
    ("Bronnenregister (CSV)", "lerarentekort_bronnen.csv", "text/csv", "dl_sources"),
)
for index, (column, (label, file_name, mime, key)) in enumerate(zip(st.columns(3), DATASET_FILES)):
    with column:  # the files are made on click (and then kept), not on every rerun
        file_download(label, lambda i=index: dataset_exports(indicators, sources)[i], file_name, mime, key=key)

st.subheader("Wat ontbreekt")
st.markdown(
    "- Tekorten **per onderwijsregio**, per gemeente buiten de G5, en regionale tekorten in fte of voor 2021, 2022 en "
    "2024.\n- Een officiële lijst van de 27 voorlopers en de 50 onderwijsregio's met hun gemeenten; de indeling op "
    "de pagina Onderwijsregio's is een benadering.\n- Zij-instroom per sector na 2020 en het aantal voor 2021.\n"
    "- Werkgelegenheid per gemeente en arbeidsmarktregio (niet meegeleverd; laden kan met "
    "`python -m dashboard ingest-duo`), uitstroomcijfers na 2017 en OESO-lestijd voor Nederland na 2019.\n"
    "- Resultaten van de pilot onderwijstijd en van de meerurenbonus."
)

st.subheader("Kaarten")
st.markdown(
    f"{ATTRIBUTION}. Vereenvoudigde grenzen van gemeenten, provincies en arbeidsmarktregio's; de kaarten "
    "worden zonder internet getekend (geen externe kaarttegels)."
)

st.subheader("Toegankelijkheid")
st.markdown(
    "We streven naar WCAG 2.1 AA. Kleurschalen zijn leesbaar bij kleurenblindheid (geel-oranje-rood voor de kaart, "
    "het Okabe-Ito-palet voor lijnen en staven); bij elke grafiek staat een tabel met dezelfde cijfers en een CSV. "
    "Alle filters zijn met het toetsenbord te bedienen; een regio kiest u ook zonder kaart via de keuzelijst. "
    "De browsertests controleren elke pagina met axe-core. Bekende beperkingen die bij Streamlit zelf liggen, staan "
    "in de README. Problemen gezien? Meld ze als issue in de repository van dit project."
)

st.subheader("Eigen cijfers bekijken")
st.markdown(
    "Bekijk cijfers van uw eigen regio of bestuur naast de gepubliceerde cijfers: upload een CSV- of Excel-bestand "
    "(.xlsx) in het formaat van de dataset (kolommen: zie de README; 'Alle cijfers' hierboven is een voorbeeld). "
    "Elke rij heeft een bron nodig: een `source_id` uit het bronnenregister, of een nieuwe bron via de kolommen "
    "`bron_titel`, `bron_uitgever`, `bron_jaar` en `bron_url`. Een bestand met fouten wordt geweigerd met een "
    "melding waar de fout zit.\n\n"
    "Uw cijfers blijven **alleen in deze browsersessie** en zijn overal gemarkeerd als **eigen data** (in de "
    "bronregel, de tabellen en de kaart). Blijvend toevoegen voor alle gebruikers van deze server gaat via de "
    "opdrachtregel: `python -m dashboard ingest BESTAND`."
)
upload = st.file_uploader(
    f"CSV- of Excel-bestand (.csv, .xlsx) met eigen cijfers, maximaal {MAX_UPLOAD_BYTES // 1_000_000} MB",
    type=["csv", "xlsx"],
    key="eigen_upload",
    max_upload_size=UPLOAD_MB,
)
dutch_refusals("eigen_upload")
if upload is not None and st.session_state.get("_upload_done") != upload.file_id:
    try:
        own_rows, own_sources = checked_upload(
            upload.getvalue(), upload.name, load_table("sources"), load_table("regions")
        )
    except IngestError as error:
        st.error(f"Bestand geweigerd: {error}", icon=":material/error:")
    else:
        register(own_rows, f"upload:{upload.file_id}:rows")  # cheap cache key for every cached computation
        register(own_sources, f"upload:{upload.file_id}:sources")
        st.session_state[SESSION_KEY] = (own_rows, own_sources, upload.name)
        st.session_state["_upload_done"] = upload.file_id
        st.session_state["_upload_msg"] = f"{fmt_number(len(own_rows))} rijen uit {md_text(upload.name)} geladen."
        st.rerun()  # so every figure on the page includes the new rows
if message := st.session_state.pop("_upload_msg", None):
    st.success(message, icon=":material/check_circle:")
if (own := session_own()) is not None:
    st.markdown(
        f"In deze sessie staan **{fmt_number(len(own[0]))} eigen cijfers** uit {md_text(own[2])}; ze staan op de "
        "pagina's waar ze bij passen, gemarkeerd als eigen data."
    )
    if st.button("Eigen cijfers uit deze sessie verwijderen", key="eigen_verwijderen"):
        del st.session_state[SESSION_KEY]
        st.rerun()
