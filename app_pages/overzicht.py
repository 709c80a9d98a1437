"""Overzicht: how big is the shortage now, where, and is it growing?"""

import streamlit as st

from dashboard.sections import bullets, chart, kpis, small_map
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import bind, publish
from dashboard.views import overzicht as views

session = session_data()
bind(small_map.WEERGAVE)
st.title("Lerarentekort in beeld", anchor=False)
st.markdown(
    "Hoe groot is het tekort aan leraren nu, waar is het het grootst, en groeit het? "
    "Cijfers van OCW, Centerdata en de Kamerbrieven over de lerarenstrategie, met bron bij elk getal."
)
kpis.render(views.kpis(session))
chart.render(views.tekort_trend(session))
if st.session_state[SECTOR.key] == "mbo":  # the mbo's only forecast, next to its shortage
    chart.render(views.mbo_prognose(session), heading="bold")
small_map.render(views.small_map(st.session_state[SECTOR.key], session), st.session_state[SECTOR.key])
werkplan = views.werkplan(session)
bullets.render(werkplan.title, werkplan.lines, werkplan.sources)
publish(small_map.WEERGAVE)
