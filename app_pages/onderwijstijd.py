"""Onderwijstijd: how many hours do Dutch teachers teach (vs OECD), and what does the pilot change?"""

import streamlit as st

from dashboard.data.load import load_indicators, load_table
from dashboard.format import SECTOR_LABELS, fmt_number, reliability_label
from dashboard.ui.filters import SECTOR
from dashboard.ui.memo import PALETTE, grouped_bar, hbar, lines, metrics
from dashboard.ui.widgets import chart_block, missing, source_line

sources = load_table("sources")
indicators = load_indicators(geo_levels=("land", "internationaal"))
sector = st.session_state[SECTOR.key]
level_sector = sector if sector in ("po", "vo") else "po"

st.title("Onderwijstijd")
st.markdown(
    "Nederlandse leraren staan meer uren voor de klas dan hun collega's elders in de OESO en de EU. Minder "
    "lesuren kan ruimte geven voor voorbereiding en ontwikkeling, en het tekort verlichten. Wat is bekend?"
)
if sector not in ("po", "vo"):
    missing(
        f"Voor {SECTOR_LABELS[sector].lower()} zijn geen internationale lestijdcijfers gevonden; "
        "de vergelijking toont het po."
    )

# --- Teaching hours vs OECD ------------------------------------------------------------------------------------------
st.subheader(f"Lesuren per jaar van een voltijdleraar, {level_sector}: Nederland en internationaal")
hours = metrics.teaching_time(indicators, level_sector)
chart_block(
    hbar(hours, "label", "value", "uur", color=PALETTE[0], highlight="Nederland"),
    hours,
    sources,
    {
        "region_name": "Gebied",
        "niveau": "Niveau",
        "year": "Jaar",
        "value": "Lesuren per jaar",
        "reliability": "Betrouwbaarheid",
    },
    {"value": fmt_number, "reliability": reliability_label},
    key=f"lesuren_{level_sector}",
    note="Netto lesuren per jaar (wettelijk of volgens cao) van een voltijdleraar; tussen haakjes het jaar waarop "
    "het cijfer betrekking heeft. Nieuwere OESO-cijfers voor Nederland (2020-2024) zijn niet gevonden; "
    "de jaren verschillen dus per staaf.",
)

if level_sector == "po":
    st.subheader("Basisonderwijs: Nederland en OESO-gemiddelde, 2016-2019")
    trend = metrics.teaching_time_trend(indicators)
    chart_block(
        lines(metrics.renamed(trend, year="jaar"), "jaar", "value", "region_name", "uur"),
        trend,
        sources,
        {"region_name": "Gebied", "year": "Jaar", "value": "Lesuren per jaar", "reliability": "Betrouwbaarheid"},
        {"value": lambda v: fmt_number(v, 1), "reliability": reliability_label},
        key="lesuren_po_trend",
    )

# --- Instruction time for pupils -------------------------------------------------------------------------------------
st.subheader("Verplichte lestijd van leerlingen, 2015 (uur per jaar)")
instruction = metrics.instruction_time(indicators)
chart_block(
    grouped_bar(instruction, "niveau", "value", "region_name", "uur"),
    instruction,
    sources,
    {
        "region_name": "Gebied",
        "niveau": "Niveau",
        "year": "Jaar",
        "value": "Uur per jaar",
        "reliability": "Betrouwbaarheid",
    },
    {"value": fmt_number, "reliability": reliability_label},
    key="lestijd_leerlingen",
)

# --- Pilot --------------------------------------------------------------------------------------------------------
st.subheader("Pilot onderwijstijd vo (2024-2026)")
pilot = metrics.figures_by_indicator(indicators, "vo")
c1, c2, c3 = st.columns(3)
c1.metric("Geselecteerde scholen", "ruim " + fmt_number(pilot["pilot_onderwijstijd_scholen_totaal"]["value"]))
c2.metric("Start september 2024", "ruim " + fmt_number(pilot["pilot_onderwijstijd_scholen_start_sept_2024"]["value"]))
c3.metric("Start september 2025", "zo'n " + fmt_number(pilot["pilot_onderwijstijd_scholen_start_sept_2025"]["value"]))
st.markdown(
    "In de pilot geven vo-scholen twee jaar lang minder lessen dan gebruikelijk, binnen de bestaande wettelijke "
    "ruimte. Ze herzien daarvoor hun lessentabel en krijgen begeleiding; de kwaliteit van het onderwijs moet overeind "
    f"blijven. Het vo heeft zo'n {fmt_number(pilot['vo_lesuren_boven_europees_gemiddelde']['value'])}% meer lesuren "
    "dan het Europees gemiddelde. Resultaten van de pilot zijn nog niet gepubliceerd."
)
pilot_rows = metrics.rows_where(
    indicators,
    indicator=(
        "pilot_onderwijstijd_scholen_totaal",
        "pilot_onderwijstijd_scholen_start_sept_2024",
        "pilot_onderwijstijd_scholen_start_sept_2025",
    ),
)
source_line(pilot_rows, sources)
st.caption(
    "Aantallen volgens Voion (juni 2024), de sectorfondsorganisatie die de pilot mede uitvoert; het definitieve "
    "aantal deelnemende scholen voor 2025 is niet gevonden. Opzet van de pilot: Kamerbrief voortgang werkplan, "
    "december 2023."
)
