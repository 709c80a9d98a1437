"""Overzicht: how big is the shortage now, where, and is it growing?"""

import pandas as pd
import streamlit as st

from dashboard.data.geo import ATTRIBUTION
from dashboard.data.load import load_indicators, load_table
from dashboard.format import fmt_euro, fmt_fte, fmt_number, fmt_pct, fmt_peildatum, fmt_pp, reliability_label
from dashboard.texts import WERKPLAN_RESULTS
from dashboard.ui.filters import SECTOR
from dashboard.ui.memo import PALETTE, lines, location_from_points, metrics, shortage_map
from dashboard.ui.widgets import chart_block, missing, source_line, table_and_download

sector = st.session_state[SECTOR.key]
sources = load_table("sources")
shortage = load_indicators(indicators=("tekort_pct", "tekort_fte", "geraamd_tekort_fte"), sectors=("po", "vo", "mbo"))

st.title("Lerarentekort in beeld")
st.markdown(
    "Hoe groot is het tekort aan leraren nu, waar is het het grootst, en groeit het? "
    "Cijfers van OCW, Centerdata en de Kamerbrieven over de lerarenstrategie, met bron bij elk getal."
)

# --- KPIs -------------------------------------------------------------------------------------------
st.subheader("Tekort aan leraren bij de laatste meting")
kpis = st.columns(3)
for column, kpi_sector in zip(kpis, ("po", "vo", "mbo")):
    pct = metrics.latest_with_change(metrics.solid_only(metrics.national_series(shortage, kpi_sector, "tekort_pct")))
    fte = metrics.latest_with_change(metrics.solid_only(metrics.national_series(shortage, kpi_sector, "tekort_fte")))
    with column, st.container(border=True):
        if pct:
            st.metric(
                f"{kpi_sector.upper()} · {fmt_peildatum(pct['peildatum'])}",
                fmt_pct(pct["value"]),
                delta=(fmt_pp(pct["delta"]) + f" t.o.v. {fmt_peildatum(pct['previous_peildatum'])}")
                if pct["delta"] is not None
                else None,
                delta_color="inverse",
                help="Tekort in % van de werkgelegenheid (openstaand + verborgen).",
            )
            if fte:
                st.caption(f"{fmt_fte(fte['value'])} · betrouwbaarheid: {reliability_label(fte['reliability'])}")
        else:
            latest = metrics.national_series(shortage, kpi_sector, "tekort_fte")
            if len(latest):
                row = latest.iloc[-1]
                st.metric(f"{kpi_sector.upper()} · {fmt_peildatum(row['peildatum'])}", fmt_fte(row["value"]))
                st.caption(f"Geen officiële meting in %; dit cijfer is {reliability_label(row['reliability'])}.")
            else:
                st.metric(kpi_sector.upper(), "–")
kpi_rows = pd.concat(
    [metrics.national_series(shortage, s, i).tail(2) for s in ("po", "vo", "mbo") for i in ("tekort_pct", "tekort_fte")]
)
source_line(kpi_rows, sources)

# --- Trend ----------------------------------------------------------------------------------------
st.subheader("Ontwikkeling sinds 2021 (fte)")
trend = metrics.trend_frame(shortage, ("po", "vo", "mbo"))
trend = trend[trend["year"] >= 2021]
dashed = tuple(r for r in trend["reeks"].unique() if "raming" in r)
sector_colors = {"po": PALETTE[0], "vo": PALETTE[1], "mbo": PALETTE[2]}
colors = {reeks: sector_colors[reeks.split()[0]] for reeks in trend["reeks"].unique()}
chart_block(
    lines(metrics.with_year_label(trend), "jaar", "value", "reeks", "fte", dashed_groups=dashed, colors=colors),
    trend,
    sources,
    {
        "reeks": "Reeks",
        "peildatum": "Peildatum / jaar",
        "value": "Tekort (fte)",
        "kind": "Soort",
        "reliability": "Betrouwbaarheid",
        "source_id": "Bron-id",
    },
    {"value": fmt_fte, "reliability": reliability_label},
    key="tekort_trend_fte",
    note="Doorgetrokken lijnen zijn metingen, gestippelde lijnen met open punten ramingen (december 2022): die zijn "
    "geen meting en niet één op één vergelijkbaar. Cijfers voor 2024 komen uit nieuwsberichten (secundair). Het "
    "vo-cijfer voor 2021/2022 is een schatting uit de Kamerbrief van juli 2022; de eerste landelijke vo-meting is van "
    "okt 2023.",
)

# --- Small map --------------------------------------------------------------------------------------
map_sector = sector if sector in ("po", "vo") else "po"
st.subheader(f"Waar is het tekort het grootst? ({map_sector}, {fmt_peildatum('2023-10-01')})")
regional = metrics.regional_shortage(shortage, map_sector)
if sector not in ("po", "vo"):
    missing("Regionale tekortcijfers bestaan alleen voor po en vo; de kaart toont het po.")
left, right = st.columns([3, 2])
with left:
    event = st.plotly_chart(
        shortage_map(regional, height=420, zoom=5.4),
        width="stretch",
        key="kaart_klein",
        on_select="rerun",
        selection_mode="points",
        config={"displayModeBar": False},
    )
    clicked = location_from_points(event.selection.points if event else [])
    if clicked:  # a click opens that region's profile on the Onderwijsregio's page
        st.switch_page("app_pages/onderwijsregios.py", query_params={"sector": map_sector, "regio": clicked})
    st.caption(ATTRIBUTION + ". Klik op een regio voor het regioprofiel.")
with right:
    top = regional.head(5)
    st.markdown("**Hoogste tekorten**")
    for row in top.itertuples():
        st.markdown(f"- {row.region_name}: **{fmt_pct(row.value)}**")
    st.page_link(
        "app_pages/onderwijsregios.py",
        label="Naar de kaart met regioprofielen en vergelijking",
        icon=":material/map:",
        query_params={"sector": map_sector},
    )
source_line(regional, sources)
table_and_download(
    regional,
    {
        "region_code": "Regiocode",
        "region_name": "Regio",
        "value": "Tekort (%)",
        "peildatum": "Peildatum",
        "reliability": "Betrouwbaarheid",
    },
    {"value": fmt_pct, "reliability": reliability_label},
    f"tekort_{map_sector}_per_regio.csv",
    key="dl_kaart_klein",
    caption="Tabel bij de kaart",
)

# --- Werkplan results -------------------------------------------------------------------------------
st.subheader("Wat het werkplan tot nu toe opleverde (december 2023)")
all_figures = load_indicators()
werkplan_rows = all_figures[all_figures["categorie"] == "Kamerbrief/VO-raad"]
figures = metrics.figures_by_indicator(werkplan_rows, "Kamerbrief/VO-raad")


def _fmt(row) -> str:
    unit = str(row["unit"])
    return fmt_euro(row["value"]) if unit.startswith("euro") else fmt_number(row["value"])


values = {k: _fmt(v) for k, v in figures.items()}
for indicator, template in WERKPLAN_RESULTS:
    if indicator in values:
        st.markdown("- " + template.format(v=values[indicator], **values))
source_line(werkplan_rows[werkplan_rows["source_id"] == "TK_2023_ANCHOR"].head(1), sources)
