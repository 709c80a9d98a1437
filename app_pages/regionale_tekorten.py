"""Regionale tekorten: shortage map per arbeidsmarktregio, a region's profile, regions compared."""

import streamlit as st

from dashboard.data.model.sectors import REGIONAL_SECTORS, sector_name
from dashboard.sections import compare, measurement_choice, region_map, region_profile
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import missing, scroll_mark
from dashboard.views import regionale_tekorten as views

sector = st.session_state[SECTOR.key]
data = views.regional_data(sector, session_data())
PEILDATUM = Param(
    "peildatum", data.peildatum, choices=data.peildata, noun="Meting", instead=f"de laatste meting ({data.peildatum})"
)
WEERGAVE = Param("weergave", "tekort", choices=tuple(views.VIEWS), noun="Weergave", instead="het tekort")
bind(PEILDATUM, WEERGAVE)
if st.session_state[PEILDATUM.key] != data.peildatum:
    data = views.regional_data(sector, session_data(), st.session_state[PEILDATUM.key])
REGIO = Param("regio", "", choices=data.codes, noun="Regio", instead="het landelijk beeld, zonder regioprofiel")
VERGELIJK = Param(
    "vergelijk",
    [],
    kind="list",
    choices=data.codes,
    max_items=compare.MAX_REGIONS,
    noun="Regio in de vergelijking",
    instead="de vergelijking van de andere regio's",
)
bind(REGIO, VERGELIJK)

st.title("Regionale tekorten", anchor=False)
st.markdown(
    "Waar is het lerarentekort het grootst, en hoe verhoudt een arbeidsmarktregio zich tot het landelijk beeld? "
    "Klik op de kaart op een regio voor het profiel, of kies regio's om te vergelijken."
)
if sector not in REGIONAL_SECTORS:
    missing(
        f"Voor {sector_name(sector)} zijn geen regionale tekortcijfers gepubliceerd. De kaart toont "
        f"daarom het {data.sector}."
    )

previous = views.previous_peildatum(data)
measurement_choice.render(data.peildata, previous, PEILDATUM.key, WEERGAVE.key, data.newer)
selected = st.session_state[REGIO.key] or None
if st.session_state[WEERGAVE.key] == "verschil" and previous is not None:
    before = views.regional_data(sector, session_data(), previous)
    change = views.change_map(data, before, selected)
    region_map.render(change, REGIO.key, data.codes)
else:
    region_map.render(views.shortage_map(data, selected), REGIO.key, data.codes)

scroll_mark()
st.header("Regioprofiel", anchor=False)
st.selectbox(
    "Regio",
    ("",) + data.codes,
    key=REGIO.key,
    format_func=lambda c: "Kies een regio" if c == "" else data.names[c],
)
if st.session_state[REGIO.key]:
    profile = views.profile(data, st.session_state[REGIO.key])
    chosen = list(st.session_state[VERGELIJK.key])
    region_profile.render(profile, (views.regioprofiel_pdf, (data, profile, chosen)))

st.header("Regio's vergelijken", anchor=False)
compare.render("regio's", data.codes, data.names, VERGELIJK.key, lambda chosen: views.vergelijking_regios(data, chosen))

publish(PEILDATUM, WEERGAVE, REGIO, VERGELIJK)
