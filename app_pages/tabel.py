"""Tabel maken: an indicator, a kind of area, areas and peildata of one's own choice side by side."""

import streamlit as st

from dashboard import cache
from dashboard.format import fmt_peildatum
from dashboard.sections import tabel as tabel_section
from dashboard.ui import multi
from dashboard.ui.filters import SECTOR
from dashboard.ui.state import Param, bind, known, publish
from dashboard.ui.widgets import missing
from dashboard.views import tabel as views

indicators = cache.table("indicators")
sector = st.session_state[SECTOR.key]
CHOICES = cache.tabel_indicators(indicators)  # (theme, indicator, label), by theme
NAMES = {indicator: f"{theme} · {label}" for theme, indicator, label in CHOICES}
INDICATOR = Param("indicator", views.DEFAULT[0], choices=tuple(NAMES))
GEBIED = Param("gebied", views.DEFAULT[2], choices=tuple(views.LEVEL_NAMES))
for param, default in zip((INDICATOR, GEBIED), views.default_choice(sector) or views.DEFAULT[::2], strict=True):
    if param.key not in st.session_state:  # a fresh link: its own choice, else what this sector has figures for
        asked = st.query_params.get(param.key)
        st.session_state[param.key] = asked if asked in param.choices else default
known(INDICATOR.key, GEBIED.key)  # seeded above with this page's own defaults
bind(tabel_section.WEERGAVE)
multi.bind("regio", "tabel_regio")
multi.bind("peildatum", "tabel_peildatum")

st.title("Tabel maken", anchor=False)
st.markdown(
    "Kies een cijfer, een soort gebied, de gebieden en de peildata: u krijgt de tabel (en op het tabblad ernaast "
    "de grafiek), de CSV van "
    "precies die cijfers, de bron en betrouwbaarheid van elke cel en een link die deze tabel opnieuw opent. "
    "De sector kiest u in de zijbalk."
)
left, right = st.columns(2)
indicator = left.selectbox("Cijfer (per thema)", INDICATOR.choices, key=INDICATOR.key, format_func=NAMES.get)
# A choice from a link that has no figures stays chosen (and the page says so), so the link keeps meaning itself.
levels = cache.tabel_levels(indicators, indicator, sector)
levels += tuple(v for v in (st.session_state[GEBIED.key],) if v not in levels)
geo_level = right.selectbox("Soort gebied", levels, key=GEBIED.key, format_func=views.LEVEL_NAMES.get)
areas = dict(cache.tabel_areas(indicators, indicator, sector, geo_level))
regions, unknown = tabel_section.kept_choice(
    "Gebieden (leeg: alle)", {c: f"{name} ({c})" for c, name in areas.items()}, "tabel_regio", "Alle gebieden"
)
dates = cache.tabel_peildata(indicators, indicator, sector, geo_level, tuple(c for c in regions if c in areas))
peildata, late = tabel_section.kept_choice(
    "Peildata (leeg: alle)", {p: fmt_peildatum(p) for p in dates}, "tabel_peildatum", "Alle peildata", fmt_peildatum
)
if unknown or late:
    missing("Zonder cijfers in deze keuze: " + ", ".join([*unknown, *(fmt_peildatum(p) for p in late)]) + ".")

tabel_section.render(views.tabel(indicator, sector, geo_level, tuple(regions), tuple(peildata)))

for param in (INDICATOR, GEBIED):  # always in the link, defaults too: a permalink names its whole choice
    if st.query_params.get(param.key) != st.session_state[param.key]:
        st.query_params[param.key] = st.session_state[param.key]
multi.publish("regio", regions)
multi.publish("peildatum", peildata, repeat=True)
publish(tabel_section.WEERGAVE)
