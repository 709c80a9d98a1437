"""Onderwijsregio's: derived shortage per onderwijsregio, a region's profile; below, as tabs: voorlopers compared,
your own region, what is known about the onderwijsregio's as a whole."""

import streamlit as st

from dashboard.metrics import MEMBER_CHOICES
from dashboard.registry import page
from dashboard.sections import (
    compare,
    measurement_choice,
    oregio_facts,
    oregio_intro,
    oregio_links,
    oregio_profile,
    own_region,
    region_map,
    tabs,
    voorlopers,
)
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import scroll_mark
from dashboard.views import onderwijsregios as views
from dashboard.views.regionale_tekorten import VIEWS, previous_peildatum

# Links shared before this page existed (?regio=AM09&vergelijk=...) meant the arbeidsmarktregio view.
if "regio" in st.query_params or "vergelijk" in st.query_params:
    st.switch_page(page("regionale-tekorten").script, query_params=st.query_params.to_dict())


def compare_part() -> None:
    st.header("Onderwijsregio's vergelijken", anchor=False)
    labels = {c: data.label(c) for c in data.codes}
    own = st.session_state[OREGIO.key]
    voorlopers.render(
        OVERGELIJK.key, data.voorlopers, own, labels, data.sector, data.official_voorlopers, data.voorlopers_named
    )
    compare.render(
        "onderwijsregio's",
        data.codes,
        labels,
        OVERGELIJK.key,
        lambda chosen: views.vergelijking_onderwijsregios(data, chosen),
    )


def facts_part() -> None:
    oregio_facts.render(views.facts(data, session), data.sector, data.own_definition)


OWN_REGION = "Eigen regio"
PARTS = {  # the tabs below the profile: label -> what it shows (the label is also the URL's onderdeel=)
    "Vergelijken": compare_part,
    OWN_REGION: lambda: own_region.render(data, EIGEN, EIGEN_NAAM, session),
    "Alle onderwijsregio's": facts_part,
}

session = session_data()
sector = st.session_state[SECTOR.key]
data = views.oregio_data(sector, session)
PEILDATUM = Param(
    "peildatum",
    data.regional.peildatum,
    choices=data.regional.peildata,
    noun="Meting",
    instead=f"de laatste meting ({data.regional.peildatum})",
)
WEERGAVE = Param("weergave", "tekort", choices=tuple(VIEWS), noun="Weergave", instead="het tekort")
bind(PEILDATUM, WEERGAVE)
if st.session_state[PEILDATUM.key] != data.regional.peildatum:
    data = views.oregio_data(sector, session, st.session_state[PEILDATUM.key])
OREGIO = Param("oregio", "", choices=data.codes, noun="Onderwijsregio", instead="de kaart, zonder profiel")
OVERGELIJK = Param(
    "overgelijk",
    [],
    kind="list",
    choices=data.codes,
    max_items=compare.MAX_REGIONS,
    noun="Onderwijsregio in de vergelijking",
    instead="de vergelijking van de andere onderwijsregio's",
)
EIGEN = Param(
    "eigen",
    [],
    kind="list",
    choices=tuple(data.gemeenten),
    max_items=400,
    noun="Gemeentecode",
    instead="de eigen regio uit de andere gemeenten",
)
EIGEN_NAAM = Param("eigen_naam", "", noun="De naam van de eigen regio", max_length=own_region.NAME_LENGTH)
LEDEN = Param(
    "leden",
    next(iter(MEMBER_CHOICES)),
    choices=tuple(MEMBER_CHOICES),
    noun="Keuze van gemeenten",
    instead="alle gemeenten",
)
ONDERDEEL = tabs.param(PARTS)
moved = oregio_links.follow_old_codes(data.codes, data.moved, data.names, (OREGIO.key, OVERGELIJK.key))
if ONDERDEEL.key not in st.query_params and EIGEN.key in st.query_params:  # a shared own region opens its tab
    st.query_params[ONDERDEEL.key] = OWN_REGION
bind(OREGIO, OVERGELIJK, EIGEN, EIGEN_NAAM, LEDEN, ONDERDEEL)

oregio_intro.render(data, moved, sector)

previous = previous_peildatum(data.regional)
measurement_choice.render(data.regional.peildata, previous, PEILDATUM.key, WEERGAVE.key, data.regional.newer)
if st.session_state[WEERGAVE.key] == "verschil" and previous is not None:
    map_view = views.change_map(data, views.oregio_data(sector, session, previous))
else:
    map_view = views.shortage_map(data)
names_to_codes = {name: code for code, name in data.names.items()}
overlap = ". Onderwijsregio's uit een benaderde indeling; betwiste gemeenten zijn grijs omlijnd."
region_map.render(map_view, "_oregio_klik", tuple(names_to_codes), "oregio_kaart", overlap)
if clicked := st.session_state.pop("_oregio_klik", None):
    st.session_state[OREGIO.key] = names_to_codes[clicked]

scroll_mark()
st.header("Profiel van een onderwijsregio", anchor=False)
st.selectbox(
    "Onderwijsregio",
    ("",) + data.codes,
    key=OREGIO.key,
    format_func=lambda c: "Kies een onderwijsregio" if c == "" else data.label(c),
)
if code := st.session_state[OREGIO.key]:
    st.radio(
        "Welke gemeenten tellen mee in het cijfer",
        tuple(MEMBER_CHOICES),
        key=LEDEN.key,
        format_func=MEMBER_CHOICES.get,
        horizontal=True,
    )
    comparison = views.compared_with(data, code, st.session_state[OVERGELIJK.key])
    oregio_profile.render(views.profile(data, code, session, st.session_state[LEDEN.key]), comparison)


# Only the open part runs and draws (issue 13): the page opens with one map, not also the coverage chart below.
tabs.render(ONDERDEEL, PARTS)

publish(PEILDATUM, WEERGAVE, OREGIO, OVERGELIJK, EIGEN, EIGEN_NAAM, LEDEN, ONDERDEEL)
if EIGEN.key in st.query_params:  # the other half of the rule at the top: with eigen=, the open tab is always named
    st.query_params[ONDERDEEL.key] = st.session_state[ONDERDEEL.key]
