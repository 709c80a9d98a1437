"""Opleiden: how many people enter teaching? Lerarenopleidingen, diploma's per vak, zij-instroom, mbo-route."""

import streamlit as st

from dashboard.data.load import load_indicators, load_table
from dashboard.format import fmt_number, reliability_label
from dashboard.ui.memo import grouped_bar, lines, metrics
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import chart_block, missing, source_line

sources = load_table("sources")
indicators = load_indicators(sectors=("po", "vo", "mbo", "alle"), geo_levels=("land",))
VAKKEN_CHOICES = tuple(sorted(metrics.diplomas_per_vak(indicators, [])["vak"].unique()))
TYPES = Param("opleidingen", list(metrics.OPLEIDING_CODES), kind="list", choices=tuple(metrics.OPLEIDING_CODES))
VAN = Param("van", 2011, kind="int")
TOT = Param("tot", 2023, kind="int")
VAKKEN = Param("vakken", ["Wiskunde", "Nederlands", "Natuurkunde", "Scheikunde"], kind="list", choices=VAKKEN_CHOICES)
bind(TYPES, VAN, TOT, VAKKEN)
TYPE_LABELS = {
    "pabo": "Pabo (hbo, po)",
    "pwpo": "Wo primair onderwijs (PWPO)",
    "hbo2": "Hbo tweedegraads",
    "hbo1": "Hbo eerstegraads",
    "wo1": "Wo eerstegraads (ULO)",
}

st.title("Opleiden")
st.markdown(
    "Hoeveel mensen kiezen voor het leraarschap? Instroom in de lerarenopleidingen, diploma's per vak, "
    "zij-instroom vanuit een ander beroep en de route via het mbo. De pabo en PWPO leiden op voor het po, "
    "de tweede- en eerstegraadsopleidingen voor het vo (en mbo)."
)

# --- Instroom -------------------------------------------------------------------------------------------------------
st.subheader("Instroom in de lerarenopleidingen")
left, right = st.columns([2, 1])
left.multiselect(
    "Soort opleiding", TYPES.choices, key=TYPES.key, format_func=TYPE_LABELS.get, placeholder="Kies opleidingen"
)
with right:
    # The slider's state is seeded once from the URL (van/tot), clamped and ordered whatever the link says.
    clamped = sorted(min(max(st.session_state[k.key], 2011), 2023) for k in (VAN, TOT))
    st.session_state.setdefault("_jaren", tuple(clamped))
    years = st.slider("Jaren", 2011, 2023, key="_jaren")
st.session_state[VAN.key], st.session_state[TOT.key] = years
instroom = metrics.opleiding_instroom(indicators, st.session_state[TYPES.key], years)
if instroom.empty:
    missing("Kies ten minste één soort opleiding.")
else:
    chart_block(
        lines(metrics.renamed(instroom, year="jaar"), "jaar", "value", "categorie", "studenten"),
        instroom,
        sources,
        {"categorie": "Opleiding", "year": "Jaar", "value": "Instroom (studenten)", "reliability": "Betrouwbaarheid"},
        {"value": fmt_number, "reliability": reliability_label},
        key="instroom_lerarenopleidingen",
        note="Instroom per studiejaar, afgerond op honderdtallen (PWPO exact). De cellen van de brontabel waren "
        "aan elkaar geplakt en zijn gesplitst op de enige consistente manier (betrouwbaarheid: officieel, "
        "handmatig ontleed).",
    )

# --- Diplomas ------------------------------------------------------------------------------------------------------
st.subheader("Diploma's hbo tweedegraads per tekortvak, 2010-2019")
st.multiselect("Vakken", VAKKEN_CHOICES, key=VAKKEN.key, placeholder="Kies vakken")
diplomas = metrics.diplomas_per_vak(indicators, st.session_state[VAKKEN.key])
if not st.session_state[VAKKEN.key]:
    missing("Kies ten minste één vak.")
else:
    chart_block(
        lines(metrics.renamed(diplomas, year="jaar"), "jaar", "value", "vak", "diploma's"),
        diplomas,
        sources,
        {"vak": "Vak", "year": "Jaar", "value": "Diploma's", "reliability": "Betrouwbaarheid"},
        {"value": fmt_number, "reliability": reliability_label},
        key="diplomas_tweedegraads_per_vak",
        note="Duits, Aardrijkskunde en Maatschappijleer ontbreken: hun cijfers waren in de bron niet eenduidig "
        "te lezen. Recentere jaren zijn niet gevonden.",
    )

# --- Zij-instroom ----------------------------------------------------------------------------------------------------
st.subheader("Zij-instroom: van 500 in 2017 naar bijna 2.300 in 2023")
zij = metrics.zij_instroom_series(indicators)
zij_chart = metrics.with_year_label(zij, as_text=True)
chart_block(
    grouped_bar(zij_chart, "jaar", "value", "definitie", "personen", barmode="relative"),
    zij,
    sources,
    {"year": "Jaar", "value": "Aantal", "definitie": "Wat geteld is", "reliability": "Betrouwbaarheid"},
    {"value": fmt_number, "reliability": reliability_label},
    key="zij_instroom",
    note="Zij-instromers (alle sectoren) voor wie subsidie is toegekend. 2021 is niet gepubliceerd in de gevonden "
    "bronnen; 2022 (circa 2.000) is afgeleid uit de Kamerbrief van 2023; 2024 telt 'zij-instromende leraren'.",
)

# --- mbo-route -------------------------------------------------------------------------------------------------------
st.subheader("De route via het mbo")
seed = metrics.figures_by_indicator(indicators, "Kamerbrief/VO-raad")
c1, c2, c3 = st.columns(3)
c1.metric(
    "Afgestudeerde onderwijsassistenten per jaar",
    fmt_number(seed["afgestudeerden_onderwijsassistent"]["value"]),
    help="Een kwart van hen gaat naar de pabo.",
)
c2.metric(
    "Pabo-mbo-samenwerkingen met keuzedeel Voorbereiding pabo",
    fmt_number(seed["samenwerkingsverbanden_pabo_mbo_keuzedeel"]["value"]),
)
c3.metric(
    "Voorloperregio's met het mbo als opleider",
    f"{fmt_number(seed['voorloperregios_met_mbo_als_opleider']['value'])} van 27",
)
source_line(seed["afgestudeerden_onderwijsassistent"].to_frame().T, sources)
publish(TYPES, VAN, TOT, VAKKEN)
