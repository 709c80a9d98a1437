"""Behoud & werving: the measures with their figures, why teachers leave, and what working more hours yields."""

import streamlit as st

from dashboard.data.model.sectors import REGIONAL_SECTORS, sector_name
from dashboard.sections import calculator, chart, measures, tabs
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import missing
from dashboard.views import behoud as views


def regelingen() -> None:
    measures.render(views.measures(session))
    chart.render(views.lerarenbeurs(session), heading="bold")


def uitstroom() -> None:
    chart.render(views.uitstroom(session))
    chart.render(views.uitval_starters(session))


PARTS = {  # the tabs below the calculator: label -> what it shows (the label is also the URL's onderdeel=)
    "Regelingen": regelingen,
    "Vertrekredenen": lambda: chart.render(views.vertrekredenen(session)),
    "Uitstroom": uitstroom,
    "Vacatures": lambda: chart.render(views.vacatures(session)),
}

session = session_data()
sector = st.session_state[SECTOR.key]
calc = views.calculator(sector, session)
REGIO = Param("calc_regio", "NL01", choices=tuple(calc.names), noun="Gebied", instead=f"{calc.names['NL01']}")
STANDARD = "de standaardwaarde"  # what a calculator field shows when the link's value is no number
DEELTIJD = Param("deeltijd", calc.defaults["deeltijd"], kind="float", noun="Aandeel in deeltijd", instead=STANDARD)
EXTRA = Param("extra", views.DEFAULT_EXTRA, kind="float", noun="Aandeel dat extra werkt", instead=STANDARD)
GEM_FTE = Param("gem_fte", calc.defaults["fte"], kind="float", noun="Aanstelling", instead=STANDARD)
ONDERDEEL = tabs.param(PARTS)
bind(REGIO, DEELTIJD, EXTRA, GEM_FTE, ONDERDEEL)

st.title("Behoud & werving", anchor=False)
st.markdown(
    "Hoe houden we leraren vast en winnen we er meer? De regelingen met hun cijfers, waarom leraren "
    "vertrekken, en een rekenhulp: wat levert het op als deeltijders meer uren gaan werken?"
)
if sector not in REGIONAL_SECTORS:
    missing(
        f"Voor {sector_name(sector)} is geen tekortpercentage gepubliceerd; de rekenhulp rekent met het {calc.sector}."
    )
calculator.render(calc, REGIO, DEELTIJD, EXTRA, GEM_FTE, lambda *asked: views.meer_uren(calc, *asked))
tabs.render(ONDERDEEL, PARTS)

publish(REGIO, DEELTIJD, EXTRA, GEM_FTE, ONDERDEEL)
