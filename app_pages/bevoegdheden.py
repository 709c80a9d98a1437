"""Bevoegdheden: who teaches what, qualified or not? Shortage per vak next to bevoegd/benoembaar/onbevoegd."""

import streamlit as st

from dashboard.data.load import load_indicators, load_table
from dashboard.format import SECTOR_LABELS, fmt_fte, fmt_pct
from dashboard.texts import LWB_CLUSTERS
from dashboard.ui.filters import SECTOR
from dashboard.ui.memo import hbar, metrics, stacked_share
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import missing, source_line, table_and_download

IPTO_LABELS = {"2019-10-01": "IPTO okt 2019 (meeste vakken)", "IPTO2020": "IPTO 2020 (zes vakken)"}
SORT_LABELS = {
    "tekort": "Hoogste tekort eerst",
    "onbevoegd": "Meeste onbevoegd gegeven lessen eerst",
    "vak": "Alfabetisch",
}

sources = load_table("sources")
indicators = load_indicators(sectors=("vo",), geo_levels=("land",))
all_vakken = metrics.vakken_table(indicators, "2019-10-01")
VAK_CHOICES = tuple(sorted(all_vakken["vak"]))
VAKKEN = Param("vakken", [], kind="list", choices=VAK_CHOICES)
IPTO = Param("ipto", "2019-10-01", choices=tuple(IPTO_LABELS))
SORT = Param("sorteer", "tekort", choices=tuple(SORT_LABELS))
bind(VAKKEN, IPTO, SORT)

st.title("Bevoegdheden")
st.markdown(
    "In welke vakken is het tekort het grootst, en hoeveel lessen worden gegeven door een leraar zonder de "
    "juiste bevoegdheid? Cijfers voor het voortgezet onderwijs."
)
if st.session_state[SECTOR.key] != "vo":
    missing(
        f"Tekort en bevoegdheid per vak zijn alleen gepubliceerd voor het vo; u heeft "
        f"{SECTOR_LABELS[st.session_state[SECTOR.key]].lower()} gekozen. Deze pagina toont het vo."
    )

c1, c2, c3 = st.columns([2, 1, 1])
c1.multiselect("Vakken", VAK_CHOICES, key=VAKKEN.key, placeholder="Alle vakken")
c2.selectbox("Meting bevoegdheid", tuple(IPTO_LABELS), key=IPTO.key, format_func=IPTO_LABELS.get)
c3.selectbox("Sorteren", tuple(SORT_LABELS), key=SORT.key, format_func=SORT_LABELS.get)
table = metrics.select_vakken(
    metrics.vakken_table(indicators, st.session_state[IPTO.key]),
    tuple(st.session_state[VAKKEN.key]),
    st.session_state[SORT.key],
)

# --- Shortage per vak ------------------------------------------------------------------------------------------------
st.subheader("Tekort per vak, okt 2023 (% van de werkgelegenheid)")
tekort = metrics.complete_rows(table, ("tekort_pct",))
total = metrics.figures(indicators, "tekort_pct", vak="Totaal")
total_value = float(total["value"].iloc[0]) if len(total) else None
tekort_rows = metrics.rows_where(indicators, not_empty=("vak",), indicator="tekort_pct", peildatum="2023-10-01")
if tekort.empty:
    missing("Voor de gekozen vakken is geen tekort per vak gepubliceerd.")
else:
    st.plotly_chart(
        hbar(tekort, "vak", "tekort_pct", "%", reference=total_value, reference_label="Alle vakken"),
        width="stretch",
        key="tekort_vak",
    )
    st.caption("Tekort in fte alleen bekend voor zes vakken (de bron is afgekapt). Nederlands inclusief isk.")
    source_line(tekort_rows.head(1), sources)

# --- Bevoegdheid per vak ---------------------------------------------------------------------------------------------
st.subheader(f"Wie geeft de lessen? {IPTO_LABELS[st.session_state[IPTO.key]]}")
shares = metrics.complete_rows(table, ("bevoegd_pct", "onbevoegd_pct"), how="all")
ipto_rows = metrics.rows_where(
    indicators,
    peildatum=st.session_state[IPTO.key],
    indicator=("bevoegd_pct", "onbevoegd_pct", "benoembaar_pct"),
)
if shares.empty:
    missing("Voor de gekozen vakken is in deze meting geen verdeling bevoegd / benoembaar / onbevoegd gepubliceerd.")
else:
    st.plotly_chart(
        stacked_share(
            shares,
            "vak",
            [("bevoegd_pct", "Bevoegd"), ("benoembaar_pct", "Benoembaar"), ("onbevoegd_pct", "Onbevoegd")],
        ),
        width="stretch",
        key="bevoegd",
    )
    st.caption(
        "Aandeel van de lessen per vak. Bevoegd: de leraar heeft de bevoegdheid voor het vak. Benoembaar: "
        "de leraar mag tijdelijk lesgeven (bijv. in opleiding). Onbevoegd: geen van beide. Een lege plek: "
        "het cijfer is in de bron niet leesbaar."
    )
    source_line(ipto_rows.head(1), sources)

table_and_download(
    table,
    {
        "vak": "Vak",
        "tekort_pct": "Tekort okt 2023 (%)",
        "tekort_fte": "Tekort okt 2023 (fte)",
        "bevoegd_pct": "Bevoegd (%)",
        "benoembaar_pct": "Benoembaar (%)",
        "onbevoegd_pct": "Onbevoegd (%)",
    },
    {c: fmt_pct for c in ("tekort_pct", "bevoegd_pct", "benoembaar_pct", "onbevoegd_pct")} | {"tekort_fte": fmt_fte},
    "tekort_en_bevoegdheid_per_vak.csv",
    key="dl_vakken",
    caption="Tabel: tekort en bevoegdheid per vak",
)

# --- LWB clusters ----------------------------------------------------------------------------------------------------
st.subheader("Beroepsgericht vmbo: vijf bevoegdheidsclusters")
st.markdown(
    "Leraren van praktijkvakken in het beroepsgerichte vmbo hebben nu een bevoegdheid per vak. De Landelijke Werkgroep "
    "Bevoegd (LWB) adviseerde die te koppelen aan een breder cluster, zodat een leraar breder inzetbaar is en het "
    "lesprogramma beter kan inspelen op wat leerlingen nodig hebben. Het kabinet nam het advies over (Kamerbrief "
    "december 2023); daarvoor is een wetswijziging nodig, waarvan het traject in 2024 begon. De vijf clusters:"
)
st.markdown("\n".join(f"{number}. {cluster}" for number, cluster in enumerate(LWB_CLUSTERS, start=1)))
lwb = metrics.rows_where(indicators, indicator="lwb_bevoegdheidsclusters")
source_line(lwb, sources)

publish(VAKKEN, IPTO, SORT)
