"""The Data & verantwoording page's texts: definitions, reliability labels, what is missing, maps, the
toegankelijkheidsverklaring."""

from __future__ import annotations

import streamlit as st

from dashboard.data.model.geo import ATTRIBUTION
from dashboard.texts import DEFINITIONS, RELIABILITY_LABELS


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


def missing_and_maps() -> None:
    st.header("Wat ontbreekt", anchor=False)
    st.markdown(
        "- Tekorten **per onderwijsregio** (het dashboard leidt ze af), per gemeente buiten de G5, en regionale "
        "tekorten in fte; welke regionale metingen er zijn, staat in de bronnentabel hierboven.\n"
        "- Een officiële lijst van de 27 voorlopers en de 50 onderwijsregio's met hun gemeenten; de indeling op "
        "de pagina Onderwijsregio's is een benadering.\n- Zij-instroom per sector na 2020 en het aantal voor 2021.\n"
        "- Werkgelegenheid per gemeente en arbeidsmarktregio (niet meegeleverd; de beheerder van de server kan die "
        "laden uit DUO-bestanden), uitstroomcijfers na 2017 en OESO-lestijd voor Nederland na 2019.\n"
        "- Resultaten van de pilot onderwijstijd en van de meerurenbonus."
    )

    st.header("Kaarten", anchor=False)
    st.markdown(
        f"{ATTRIBUTION}. Vereenvoudigde grenzen van gemeenten, provincies en arbeidsmarktregio's; de kaarten "
        "worden zonder internet getekend (geen externe kaarttegels)."
    )


STATEMENT = """
**Lerarentekort in beeld** wil toegankelijk zijn voor iedereen, ook voor wie een schermlezer, alleen het
toetsenbord, een vergroting of een smal scherm gebruikt. Deze verklaring volgt het model van de Nederlandse
overheid (digitoegankelijk.nl).

**Standaard.** WCAG 2.1, niveau A en AA (EN 301 549), zoals het Besluit digitale toegankelijkheid overheid vraagt.

**Status: voldoet gedeeltelijk.** Wat niet voldoet, staat hieronder met het alternatief.

**Hoe is dit onderzocht?** Zelf, met automatische tests in een echte browser (Chromium), die bij elke wijziging
draaien (map `tests/` in de repository; opgesteld december 2026). Er is geen onderzoek door een externe
deskundige gedaan en het dashboard is nog niet door gebruikers met een schermlezer (NVDA, JAWS, VoiceOver) getest.
- **axe-core** op elke pagina, op elk tabblad en met elke uitklapper open, ook met een geopend regioprofiel, een
  vergelijking en een eigen regio: geen ernstige, kritieke of matige fouten.
- **Alleen toetsenbord** (zonder muis): een sector kiezen, het profiel van een regio openen vanuit de keuzelijst,
  van tabblad wisselen, de CSV downloaden en een eigen regio samenstellen. Op elke pagina gaat Tab langs de hele
  pagina en weer naar boven, is de focus bij elke stap zichtbaar en raakt de focus nergens vast. De link in de
  adresbalk bewaart daarna nog steeds de keuzes. Schakelt een drukke server een tabblad of knop even uit terwijl de
  pagina rekent, dan zet het dashboard de focus daarna terug waar hij was (`static/nl.js`), niet bovenaan de pagina.
- **Taal**: elke pagina is vanaf de eerste letter als Nederlands gemarkeerd (`lang="nl"`), en ook wat Streamlit
  zelf op het scherm zet is Nederlands: de knoppen boven een tabel, de keuzelijsten (alles kiezen, wissen,
  verwijderen), de zijbalk, de link naar de inhoud, de knoppen van een grafiek en de melding terwijl een pagina
  rekent. Streamlit kent geen instelling voor een andere taal; het dashboard vervangt daarom zijn Engelse woorden in
  de browser door Nederlandse (een vaste tabel, `static/nl.js`) en verbergt de namen van pictogrammen voor een
  schermlezer, zodat die niet "keyboard arrow right" voorleest. Een browsertest leest op elke pagina, elk tabblad
  en met elke uitklapper open de tekst en wat een schermlezer hoort, en faalt op een Engels woord, zodat een nieuwe
  versie van Streamlit die Engels terugbrengt opvalt. Een adres dat niet bestaat geeft een Nederlandse pagina met de
  lijst van pagina's; een link met een onbekende keuze zegt wat er gevraagd werd en wat u in plaats daarvan ziet.
- **Grafieken en kaarten in woorden**: onder elke grafiek en kaart staat wat die laat zien ("In woorden: ..."),
  gemaakt uit dezelfde cijfers, met daaronder de tabel en de CSV.
- **Kleur**: het palet en de kleurschalen van de kaarten blijven te onderscheiden bij rood-, groen- en
  blauwblindheid (gesimuleerd). Kleur is nooit de enige drager: ramingen zijn gestippeld met open punten, lijnen
  hebben elk een eigen vorm van markering, verschillen hebben een plus- of minteken.
- **Vergroten**: elke pagina op 320 pixels breed en op 200% zoom zonder horizontaal scrollen en zonder afgesneden
  tekst (met schermafbeeldingen nagekeken).

**Wat voldoet (nog) niet, en het alternatief**
- **De kaarten zijn niet met het toetsenbord te bedienen** (WCAG 2.1.1; de plotly-kaart van Streamlit). Alternatief:
  naast elke kaart een keuzelijst om een regio te kiezen, een zin "In woorden" met het hoogste en laagste cijfer,
  een tabel met alle cijfers en een CSV.
- **Grafieken zijn afbeeldingen zonder eigen tekst voor een schermlezer** (1.1.1). Alternatief: de zin "In
  woorden" eronder, de tabel achter "Tabel bij de grafiek" en de CSV van precies dezelfde cijfers.
- **De bronnentabel op deze pagina is een tekening (canvas)**, om te kunnen zoeken en sorteren: een schermlezer
  leest haar cel voor cel en met het toetsenbord kost het enkele tabstops om haar te passeren. Alternatief: het
  bronnenregister als CSV. De tabellen bij de grafieken en kaarten zijn gewone tabellen, die een schermlezer als
  tabel leest en die op een smal scherm hun tekst laten teruglopen.
- **Contrast van sommige lijnen en staven** (1.4.11): oranje, lichtblauw en geel halen tegen wit geen 3:1. De
  waarden staan ook als tekst bij de staven, in de tabel en in "In woorden".
- **Een lege tabstop**: Streamlit maakt het hoofdgedeelte van de pagina zelf focusbaar.
- **Focus kwijt vlak na een herstart**: zolang de server na een start nog opwarmt (meestal minder dan een minuut),
  kan een pagina twee keer getekend worden; de focus staat dan weer bovenaan de pagina.

**Contact.** Ziet u een probleem, of lukt iets niet? Meld het als issue in de repository van dit project, met de
pagina (de link uit de adresbalk) en wat u gebruikt (browser, hulpmiddel). Wie dit dashboard op een eigen server
aanbiedt, vermeldt hier zijn eigen contactadres.
"""


def accessibility_statement() -> None:
    """The toegankelijkheidsverklaring (Dutch government model), linked from every page's sidebar."""
    st.header("Toegankelijkheidsverklaring", anchor=False)
    st.markdown(STATEMENT)


def own_data_intro() -> None:
    st.header("Eigen cijfers bekijken", anchor=False)
    st.markdown(
        "Bekijk cijfers van uw eigen regio of bestuur naast de gepubliceerde cijfers: upload een CSV- of Excel-bestand "
        "(.xlsx) in het formaat van de dataset (kolommen: zie de README; 'Alle cijfers' hierboven is een voorbeeld). "
        "Elke rij heeft een bron nodig: een `source_id` uit het bronnenregister, of een nieuwe bron via de kolommen "
        "`bron_titel`, `bron_uitgever`, `bron_jaar`, `bron_url` en eventueel `bron_licentie` (anders: onbekend). "
        "Een bestand met fouten wordt geweigerd met een melding waar de fout zit.\n\n"
        "Uw cijfers blijven **alleen in deze browsersessie** en zijn overal gemarkeerd als **eigen data** (in de "
        "bronregel, de tabellen en de kaart). Blijvend toevoegen voor alle gebruikers van deze server kan de "
        "beheerder van de server (de handleiding daarvoor staat in de repository, docs/beheer.md)."
    )


# The licences in two sentences (Data page, above the source table).
LICENCES = (
    "Een cijfer is een feit en geen werk in de zin van de Auteurswet: met bronvermelding en een link naar zijn bron "
    "mag u elk cijfer hier hergebruiken en doorgeven, ook als het uit een nieuwsartikel komt (de tekst van dat "
    "artikel niet). Per bron staat welke voorwaarden gelden en waar dat staat (overheidspublicaties: art. 15b "
    "Auteurswet; CBS en de OESO sinds juli 2024: CC BY 4.0), en wat dit project zelf toevoegt valt onder CC BY 4.0."
)

# Above the register of newer publications (Data page).
NEWER = (
    "Deze publicaties zijn nieuwer dan de cijfers van het dashboard en staan er nog niet in. Zo voegt u een meting "
    "toe: download bij OCW in cijfers de 'Brontabel als csv' van de grafiek en lees hem in met `python -m dashboard "
    "ingest brontabel.csv --indicator tekort_pct --sector po --peildatum 2025-10-01 ...` (direct zichtbaar, zonder "
    "herstart) of zet hem met `python -m dashboard meting ... --naar-raw` in de meegeleverde data (zie "
    "docs/beheer.md). Zodra de meting erin staat, verdwijnt de regel hier en op de kaartpagina's."
)
