"""Regionale tekorten: shortage map per arbeidsmarktregio, a region's profile, regions compared."""

import streamlit as st

from dashboard.format import SECTOR_LABELS
from dashboard.registry import REGIONAL_SECTORS
from dashboard.sections import chart, region_map, region_profile
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import missing
from dashboard.views import regionale_tekorten as views

sector = st.session_state[SECTOR.key]
data = views.regional_data(sector, session_data())
REGIO = Param("regio", "", choices=data.codes)
VERGELIJK = Param("vergelijk", [], kind="list", choices=data.codes, max_items=4)
bind(REGIO, VERGELIJK)

st.title("Regionale tekorten")
st.markdown(
    "Waar is het lerarentekort het grootst, en hoe verhoudt een arbeidsmarktregio zich tot het landelijk beeld? "
    "Klik op de kaart op een regio voor het profiel, of kies regio's om te vergelijken."
)
if sector not in REGIONAL_SECTORS:
    missing(
        f"Voor {SECTOR_LABELS[sector].lower()} zijn geen regionale tekortcijfers gepubliceerd. De kaart toont "
        f"daarom het {data.sector}."
    )

region_map.render(
    views.shortage_map(data, st.session_state[REGIO.key] or None), views.MAP_COLUMNS, REGIO.key, data.codes
)

st.subheader("Regioprofiel")
st.selectbox(
    "Regio",
    ("",) + data.codes,
    key=REGIO.key,
    format_func=lambda c: "Kies een regio (of klik op de kaart)" if c == "" else data.names[c],
)
if st.session_state[REGIO.key]:
    region_profile.render(views.profile(data, st.session_state[REGIO.key]))

st.subheader("Regio's vergelijken")
st.multiselect(
    "Kies 2 tot 4 regio's",
    data.codes,
    key=VERGELIJK.key,
    max_selections=4,
    format_func=data.names.get,
    placeholder="Kies regio's",
)
chart.render(views.compare(data, st.session_state[VERGELIJK.key]))

publish(REGIO, VERGELIJK)
