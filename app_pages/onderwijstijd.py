"""Onderwijstijd: how many hours do Dutch teachers teach (vs OECD), and what does the pilot change?"""

import streamlit as st

from dashboard.data.model.sectors import REGIONAL_SECTORS, regional_sector, sector_name
from dashboard.sections import chart, pilot, tabs
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import bind, publish
from dashboard.ui.widgets import missing
from dashboard.views import onderwijstijd as views


def lesuren() -> None:
    chart.render(views.lesuren(sector, session))
    if regional_sector(sector) == "po":
        chart.render(views.lesuren_trend(session))


PARTS = {  # the page's tabs: label -> what it shows (the label is also the URL's onderdeel=)
    "Lesuren van leraren": lesuren,
    "Lestijd van leerlingen": lambda: chart.render(views.lestijd_leerlingen(session)),
    "Pilot vo": lambda: pilot.render(views.pilot(session)),
}

session = session_data()
sector = st.session_state[SECTOR.key]
ONDERDEEL = tabs.param(PARTS)
bind(ONDERDEEL)

st.title("Onderwijstijd", anchor=False)
st.markdown(
    "Nederlandse leraren staan meer uren voor de klas dan hun collega's elders in de OESO en de EU. Minder "
    "lesuren kan ruimte geven voor voorbereiding en ontwikkeling, en het tekort verlichten. Wat is bekend?"
)
if sector not in REGIONAL_SECTORS:
    missing(
        f"Voor {sector_name(sector)} zijn geen internationale lestijdcijfers gevonden; de vergelijking "
        f"toont het {regional_sector(sector)}."
    )

tabs.render(ONDERDEEL, PARTS)

publish(ONDERDEEL)
