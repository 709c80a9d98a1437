"""Behoud & werving: the measures with their figures, why teachers leave, and what working more hours yields."""

import streamlit as st

from dashboard.data.load import load_indicators, load_table
from dashboard.format import SECTOR_LABELS, fmt_euro, fmt_fte, fmt_number, fmt_pct, reliability_label
from dashboard.ui.filters import SECTOR
from dashboard.ui.memo import PALETTE, grouped_bar, hbar, lines, metrics
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import chart_block, missing, source_line

sources = load_table("sources")
indicators = load_indicators()
sector = st.session_state[SECTOR.key]
calc_sector = sector if sector in ("po", "vo") else "po"
regional = metrics.regional_shortage(indicators, calc_sector)
names = {"NL01": "Nederland"} | dict(zip(regional["region_code"], regional["region_name"]))

# Sourced defaults per sector (see the source line under the calculator).
DEFAULTS = {"po": {"deeltijd": 75.0, "fte": 0.7}, "vo": {"deeltijd": 38.0, "fte": 0.85}}
REGIO = Param("calc_regio", "NL01", choices=tuple(names))
DEELTIJD = Param("deeltijd", DEFAULTS[calc_sector]["deeltijd"], kind="float")
EXTRA = Param("extra", 10.0, kind="float")
GEM_FTE = Param("gem_fte", DEFAULTS[calc_sector]["fte"], kind="float")
bind(REGIO, DEELTIJD, EXTRA, GEM_FTE)

st.title("Behoud & werving")
st.markdown(
    "Hoe houden we leraren vast en winnen we er meer? De regelingen met hun cijfers, waarom leraren "
    "vertrekken, en een rekenhulp: wat levert het op als deeltijders meer uren gaan werken?"
)

# --- Calculator ----------------------------------------------------------------------------------------------------
st.subheader("Rekenhulp: wat levert meer uren werken op?")
if sector not in ("po", "vo"):
    missing(
        f"Voor {SECTOR_LABELS[sector].lower()} is geen tekortpercentage gepubliceerd; de rekenhulp rekent met het po."
    )
national_series = metrics.national_series(indicators, calc_sector)
national_pct = float(national_series["value"].iloc[-1])
asked = {key: st.session_state[key] for key in (DEELTIJD.key, EXTRA.key, GEM_FTE.key)}  # before a widget clamps it
c1, c2 = st.columns(2)
with c1:
    st.selectbox("Gebied", tuple(names), key=REGIO.key, format_func=names.get)
    st.number_input("Aandeel leraren dat in deeltijd werkt (%)", 0.0, 100.0, step=1.0, format="%.0f", key=DEELTIJD.key)
with c2:
    st.number_input(
        "Aandeel deeltijders dat één dag (0,2 fte) extra gaat werken (%)",
        0.0,
        100.0,
        step=1.0,
        format="%.0f",
        key=EXTRA.key,
    )
    st.number_input("Gemiddelde aanstelling van een leraar (fte)", 0.1, 1.0, step=0.05, format="%.2f", key=GEM_FTE.key)
region = st.session_state[REGIO.key]
shortage = national_pct if region == "NL01" else float(regional.loc[regional["region_code"] == region, "value"].iloc[0])
werkgelegenheid = metrics.figures(indicators, "werkgelegenheid_leraren_impliciet", categorie=f"{calc_sector} totaal")
wg = float(werkgelegenheid["value"].iloc[-1]) if region == "NL01" and len(werkgelegenheid) else None
try:
    result = metrics.meer_uren(
        shortage, asked[DEELTIJD.key], asked[EXTRA.key], asked[GEM_FTE.key], werkgelegenheid_fte=wg
    )
except metrics.OutOfRange as error:  # e.g. a link with deeltijd=500: say so instead of computing "0 fte"
    result = None
    st.warning(f"{error} De rekenhulp rekent daar niet mee; pas de invoer hierboven aan.")
if result is not None:
    r1, r2, r3 = st.columns(3)
    r1.metric(f"Tekort {calc_sector}, {names[region]}", fmt_pct(shortage))
    r2.metric("Extra uren, in % van de werkgelegenheid", fmt_pct(result["extra_pct_werkgelegenheid"], 2))
    r3.metric("Deel van het tekort dat zo wordt gedekt", fmt_pct(result["dekking_pct"], 0))
    if result["extra_fte"] is not None:
        st.markdown(
            f"Landelijk is dat ongeveer **{fmt_fte(round(result['extra_fte'], -1))}** extra, tegen een tekort van "
            f"ongeveer **{fmt_fte(round(result['tekort_fte'], -2))}** (werkgelegenheid afgeleid: "
            f"{fmt_fte(wg)})."
        )
    else:
        st.caption("De werkgelegenheid per regio is niet gepubliceerd; daarom alleen percentages, geen fte.")
with st.expander("Formule en aannames"):
    st.markdown(
        "Per fte werkgelegenheid werken er 1 / *gemiddelde aanstelling* leraren. Daarvan werkt het *aandeel "
        "deeltijders* in deeltijd, en van hen gaat het *aandeel dat extra werkt* 0,2 fte (één dag) meer werken.\n\n"
        "**extra (% van werkgelegenheid) = aandeel deeltijders × aandeel dat extra werkt × 0,2 / gemiddelde "
        "aanstelling**\n\n**gedekt deel van het tekort = extra / tekort**\n\n"
        "Standaardwaarden: po 75% deeltijd en 0,7 fte gemiddeld (Kamerbrief meerurenbonus, mei 2023); vo 38% deeltijd "
        "(Arbeidsmarktplatform PO, 2022) en 0,85 fte (2008, oud cijfer). 10% van de deeltijders een dag extra is wat "
        "onderzoek van ResearchNed (2023) vond bij een bonus van 150 euro netto per maand; bij 400 euro was dat "
        "ongeveer 40%. Alle invoer staat in de link, zodat een berekening te delen is."
    )
calc_sources = metrics.rows_where(
    indicators,
    source_id=("TK_2023_MEERUREN", "AVS_MEERUREN", "APPO_DEELTIJD_2022"),
    indicator=(
        "gemiddelde_contractgrootte",
        "aandeel_leraren_deeltijd",
        "deeltijders_dag_extra_bij_bonus_150_netto_pm_1jaar",
    ),
)
source_line(calc_sources, sources)

# --- Measures --------------------------------------------------------------------------------------------------------
st.subheader("Regelingen en maatregelen")
seed = metrics.figures_by_indicator(indicators, "Kamerbrief/VO-raad")
m1, m2, m3, m4 = st.columns(4)
m1.metric("Zij-instromers 2023", fmt_number(seed["zij_instromers_met_subsidie"]["value"]))
m2.metric(
    "SOOL-subsidies 2023",
    fmt_number(seed["sool_aanvragen_toegekend"]["value"]),
    help="Subsidie voor onderwijsondersteuners die een lerarenopleiding volgen.",
)
m3.metric("Kopgroep meerurenbonus", fmt_number(seed["meerurenbonus_kopgroep_besturen"]["value"]) + " besturen")
m4.metric(
    "Eén dag meer werken (po)",
    fmt_euro(seed["netto_extra_per_maand_dag_meer_werken"]["value"]) + " p/m",
    help="Ongeveer netto extra per maand bij een gemiddeld salaris in het po.",
)
source_line(seed["zij_instromers_met_subsidie"].to_frame().T, sources)

st.markdown("**Lerarenbeurs: aanvragen en toekenningen (alle sectoren)**")
beurs = metrics.lerarenbeurs(indicators)
chart_block(
    grouped_bar(beurs, "jaar", "value", "soort", "aanvragen"),
    beurs,
    sources,
    {"jaar": "Jaar", "soort": "Soort", "value": "Aantal", "reliability": "Betrouwbaarheid"},
    {"value": fmt_number, "reliability": reliability_label},
    key="lerarenbeurs",
    note="2022 ontbreekt in de gevonden bronnen; voor 2023 is alleen het aantal toekenningen bekend. In 2023 was het "
    "budget niet toereikend voor alle aanvragen.",
)

# --- Why teachers leave ----------------------------------------------------------------------------------------------
st.subheader("Waarom leraren vertrekken")
reasons = metrics.vertrekredenen(indicators)
chart_block(
    hbar(reasons, "reden", "value", "%", color=PALETTE[3]),
    reasons,
    sources,
    {"reden": "Reden", "value": "Aandeel (%)", "reliability": "Betrouwbaarheid"},
    {"value": fmt_pct, "reliability": reliability_label},
    key="vertrekredenen",
    note="Aandeel vertrokken leraren (po, vo, mbo) dat deze reden noemt; meerdere redenen mogelijk. Onderzoek van "
    "ResearchNed voor OCW (2023) onder 313 vertrokken leraren: niet representatief.",
)

st.subheader("Uitstroom uit het onderwijs per jaar")
out = metrics.uitstroom(indicators)
chart_block(
    lines(metrics.renamed(out, year="startjaar"), "startjaar", "value", "sector", "%"),
    out,
    sources,
    {"sector": "Sector", "year": "Startjaar", "value": "Uitstroom (%)", "reliability": "Betrouwbaarheid"},
    {"value": fmt_pct, "reliability": reliability_label},
    key="uitstroom",
    note="Aandeel van al het personeel dat van oktober tot oktober het onderwijs verliet. Een reeks na 2017 is niet "
    "gevonden.",
)

publish(REGIO, DEELTIJD, EXTRA, GEM_FTE)
