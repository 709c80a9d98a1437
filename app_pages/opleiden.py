"""Opleiden: how many people enter teaching? Lerarenopleidingen, diploma's per vak, zij-instroom, mbo-route."""

import streamlit as st

from dashboard.metrics import OPLEIDING_CODES
from dashboard.sections import chart, mbo_route, tabs
from dashboard.texts import OPLEIDING_LABELS
from dashboard.ui.session import session_data
from dashboard.ui.state import Param, bind, publish, year_slider
from dashboard.views import opleiden as views


def instroom() -> None:
    st.header("Instroom in de lerarenopleidingen", anchor=False)
    left, right = st.columns([2, 1])
    kinds = OPLEIDING_LABELS.get
    left.multiselect("Soort opleiding", TYPES.choices, key=TYPES.key, format_func=kinds, placeholder="Kies opleidingen")
    with right:
        years = year_slider("Jaren", VAN, TOT, options.instroom_years, key="_jaren")
    chart.render(views.instroom_opleidingen(st.session_state[TYPES.key], years, session))


def diplomas() -> None:
    view = views.diplomas_per_vak(st.session_state[VAKKEN.key], session)
    st.header(view.title, anchor=False)
    st.multiselect("Vakken", options.vakken, key=VAKKEN.key, placeholder="Kies vakken")
    chart.render(view, heading="none")


PARTS = {  # the page's tabs: label -> what it shows (the label is also the URL's onderdeel=)
    "Instroom": instroom,
    "Pabo-eerstejaars": lambda: chart.render(views.pabo_eerstejaars(session)),
    "Diploma's per vak": diplomas,
    "Zij-instroom": lambda: chart.render(views.zij_instroom(session)),
    "Mbo-route": lambda: mbo_route.render(views.mbo_route(session)),
}

session = session_data()
options = views.choices(session)
TYPES = Param(
    "opleidingen",
    list(OPLEIDING_CODES),
    kind="list",
    choices=tuple(OPLEIDING_CODES),
    noun="Soort opleiding",
    instead="de andere soorten",
)
VAN = Param("van", options.instroom_years[0], kind="int", noun="Beginjaar", instead="het eerste jaar met cijfers")
TOT = Param("tot", options.instroom_years[1], kind="int", noun="Eindjaar", instead="het laatste jaar met cijfers")
VAKKEN = Param(
    "vakken", options.default_vakken, kind="list", choices=options.vakken, noun="Vak", instead="de andere vakken"
)
ONDERDEEL = tabs.param(PARTS)
bind(TYPES, VAN, TOT, VAKKEN, ONDERDEEL)

st.title("Opleiden", anchor=False)
st.markdown(
    "Hoeveel mensen kiezen voor het leraarschap? Instroom in de lerarenopleidingen, diploma's per vak, "
    "zij-instroom vanuit een ander beroep en de route via het mbo. De pabo en PWPO leiden op voor het po, "
    "de tweede- en eerstegraadsopleidingen voor het vo (en mbo)."
)
tabs.render(ONDERDEEL, PARTS)

publish(TYPES, VAN, TOT, VAKKEN, ONDERDEEL)
