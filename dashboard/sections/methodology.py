"""The Data & verantwoording page's texts: definitions, reliability labels, what is missing, maps, accessibility."""

from __future__ import annotations

import streamlit as st

from dashboard.data.geo import ATTRIBUTION
from dashboard.format import RELIABILITY_LABELS
from dashboard.texts import DEFINITIONS


def definitions() -> None:
    st.header("Begrippen", anchor=False)
    st.markdown("\n\n".join(f"**{term}**: {text}" for term, text in DEFINITIONS))

    st.header("Betrouwbaarheid", anchor=False)
    st.markdown("\n".join(f"- **{label}** (`{code}`)" for code, label in RELIABILITY_LABELS.items()))
    st.markdown(
        "Officieel betekent: direct gelezen in een publicatie van OCW, Centerdata, DUO, DUS-I, OESO of een "
        "Kamerstuk. Secundair: een nieuwsbericht of sectororganisatie die een officiële bron aanhaalt. Cijfers met "
        "verschillende betrouwbaarheid of definitie worden niet in één lijn getoond zonder dat te zeggen."
    )


def missing_and_accessibility() -> None:
    st.header("Wat ontbreekt", anchor=False)
    st.markdown(
        "- Tekorten **per onderwijsregio** (het dashboard leidt ze af), per gemeente buiten de G5, en regionale "
        "tekorten in fte; welke regionale metingen er zijn, staat in de bronnentabel hierboven.\n"
        "- Een officiële lijst van de 27 voorlopers en de 50 onderwijsregio's met hun gemeenten; de indeling op "
        "de pagina Onderwijsregio's is een benadering.\n- Zij-instroom per sector na 2020 en het aantal voor 2021.\n"
        "- Werkgelegenheid per gemeente en arbeidsmarktregio (niet meegeleverd; laden kan met "
        "`python -m dashboard ingest-duo`), uitstroomcijfers na 2017 en OESO-lestijd voor Nederland na 2019.\n"
        "- Resultaten van de pilot onderwijstijd en van de meerurenbonus."
    )

    st.header("Kaarten", anchor=False)
    st.markdown(
        f"{ATTRIBUTION}. Vereenvoudigde grenzen van gemeenten, provincies en arbeidsmarktregio's; de kaarten "
        "worden zonder internet getekend (geen externe kaarttegels)."
    )

    st.header("Toegankelijkheid", anchor=False)
    st.markdown(
        "We streven naar WCAG 2.1 AA. Kleurschalen zijn leesbaar bij kleurenblindheid (geel-oranje-rood voor de kaart, "
        "het Okabe-Ito-palet voor lijnen en staven); bij elke grafiek staat een tabel met dezelfde cijfers en een CSV. "
        "Alle filters zijn met het toetsenbord te bedienen; een regio kiest u ook zonder kaart via de keuzelijst. "
        "De browsertests controleren elke pagina met axe-core. Bekende beperkingen die bij Streamlit zelf liggen, "
        "staan in de README. Problemen gezien? Meld ze als issue in de repository van dit project."
    )


def own_data_intro() -> None:
    st.header("Eigen cijfers bekijken", anchor=False)
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
