"""Bevoegdheden: who teaches what, qualified or not? Shortage per vak next to bevoegd/benoembaar/onbevoegd."""

import streamlit as st

from dashboard.data.model.sectors import sector_name
from dashboard.sections import chart, lwb, tabs
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import missing
from dashboard.views import bevoegdheden as views

PARTS = {  # the page's tabs: label -> what it shows (the label is also the URL's onderdeel=)
    "Tekort per vak": lambda: chart.render(views.tekort_per_vak(options, table, session)),
    "Bevoegdheid per vak": lambda: chart.render(views.bevoegdheid_per_vak(options, table, ipto, session)),
}

session = session_data()
options = views.choices(session)
VAKKEN = Param("vakken", [], kind="list", choices=options.vakken, noun="Vak", instead="de andere vakken")
IPTO = Param(
    "ipto", next(iter(options.ipto), ""), choices=tuple(options.ipto), noun="Meting", instead="de laatste meting"
)
SORT = Param("sorteer", "tekort", choices=tuple(views.SORT_LABELS), noun="Sortering", instead="de sortering op tekort")
ONDERDEEL = tabs.param(PARTS)
bind(VAKKEN, IPTO, SORT, ONDERDEEL)

st.title("Bevoegdheden", anchor=False)
st.markdown(
    "In welke vakken is het tekort het grootst, en hoeveel lessen worden gegeven door een leraar zonder de "
    "juiste bevoegdheid? Cijfers voor het voortgezet onderwijs."
)
if st.session_state[SECTOR.key] != "vo":
    missing(
        f"Tekort en bevoegdheid per vak zijn alleen gepubliceerd voor het vo; u heeft "
        f"{sector_name(st.session_state[SECTOR.key])} gekozen. Deze pagina toont het vo."
    )

st.multiselect("Vakken", options.vakken, key=VAKKEN.key, placeholder="Alle vakken")
c2, c3 = st.columns(2)  # wide enough to show a whole choice ("IPTO okt 2019 (20 vakken)") beside the sidebar
c2.selectbox("Meting bevoegdheid", tuple(options.ipto), key=IPTO.key, format_func=options.ipto.get)
c3.selectbox("Sorteren", tuple(views.SORT_LABELS), key=SORT.key, format_func=views.SORT_LABELS.get)
ipto = st.session_state[IPTO.key]
table = views.vakken(options, tuple(st.session_state[VAKKEN.key]), ipto, st.session_state[SORT.key], session)
tabs.render(ONDERDEEL, PARTS)
lwb.render(views.lwb_sources(session))

publish(VAKKEN, IPTO, SORT, ONDERDEEL)
