"""Onderwijsregio's (regionale samenwerking): shortage map, region profile, comparison, the regions themselves."""

import streamlit as st

from dashboard.data.geo import ATTRIBUTION
from dashboard.data.load import load_definition, load_indicators, load_table
from dashboard.format import (
    SECTOR_LABELS,
    fmt_fte,
    fmt_number,
    fmt_pct,
    fmt_peildatum,
    fmt_pp,
    fmt_sectors,
    reliability_label,
)
from dashboard.ui.filters import SECTOR
from dashboard.ui.memo import (
    definition_groups,
    grouped_bar,
    hbar,
    location_from_points,
    measurements,
    membership_map,
    metrics,
    onderwijsregio_map,
    shortage_map,
)
from dashboard.ui.state import Param, bind, publish
from dashboard.ui.widgets import chart_block, download, labelled, missing, source_line, table_and_download

sector = st.session_state[SECTOR.key]
map_sector = sector if sector in ("po", "vo") else "po"
indicators = load_indicators(indicators=("tekort_pct",), sectors=("po", "vo"))
sources = load_table("sources")
regions = load_table("regions")
onderwijsregios = load_table("onderwijsregios")
leden = load_table("onderwijsregio_leden")
members = metrics.expand_members(leden, regions)  # once per run, shared by profile, overview and detail
regional = metrics.regional_shortage(indicators, map_sector)
codes = tuple(regional["region_code"])
names = dict(zip(regional["region_code"], regional["region_name"]))

REGIO = Param("regio", "", choices=codes)
VERGELIJK = Param("vergelijk", [], kind="list", choices=codes, max_items=4)
OREGIO = Param("oregio", "", choices=tuple(onderwijsregios["onderwijsregio_code"]))
bind(REGIO, VERGELIJK, OREGIO)

st.title("Onderwijsregio's en regionale tekorten")
st.markdown(
    "Waar is het lerarentekort het grootst, en hoe verhoudt een regio zich tot het landelijk beeld? "
    "Klik op de kaart op een regio voor het profiel, of kies regio's om te vergelijken."
)
if sector not in ("po", "vo"):
    missing(
        f"Voor {SECTOR_LABELS[sector].lower()} zijn geen regionale tekortcijfers gepubliceerd. "
        "De kaart toont daarom het primair onderwijs."
    )

peildatum = regional["peildatum"].iloc[0]
national = metrics.national_value(indicators, map_sector, peildatum)

# --- Map -------------------------------------------------------------------------------------------
st.subheader(f"Lerarentekort {map_sector} per arbeidsmarktregio, {fmt_peildatum(peildatum)}")
st.caption(
    "Tekort in % van de werkgelegenheid (openstaande vacatures + verborgen tekort). De vijf grote gemeenten "
    f"(G5) staan apart op de kaart. Landelijk: {fmt_pct(national)}."
)
figure = shortage_map(regional, selected=st.session_state[REGIO.key] or None)
event = st.plotly_chart(
    figure,
    on_select="rerun",
    selection_mode="points",
    key="kaart",
    width="stretch",
    config={"displayModeBar": False, "scrollZoom": False},
)
clicked = location_from_points(event.selection.points if event else [])
# Apply a click only when it is new: the selection survives reruns and would override the selectbox.
if clicked and clicked != st.session_state.get("_kaart_laatste") and clicked in codes:
    st.session_state[REGIO.key] = clicked
st.session_state["_kaart_laatste"] = clicked
st.caption(ATTRIBUTION)
source_line(regional, sources)
map_columns = {
    "region_code": "Regiocode",
    "region_name": "Regio",
    "geo_level": "Niveau",
    "value": "Tekort (%)",
    "peildatum": "Peildatum",
    "reliability": "Betrouwbaarheid",
    "source_id": "Bron-id",
}
table_and_download(
    regional,
    map_columns,
    {"value": fmt_pct, "reliability": reliability_label},
    f"tekort_{map_sector}_per_regio.csv",
    key="dl_kaart",
    caption="Tabel bij de kaart",
)

# --- Region profile --------------------------------------------------------------------------------
st.subheader("Regioprofiel")
st.selectbox(
    "Regio",
    ("",) + codes,
    key=REGIO.key,
    format_func=lambda c: "Kies een regio (of klik op de kaart)" if c == "" else names[c],
)
selected = st.session_state[REGIO.key]
if selected:
    profile = metrics.region_profile(indicators, selected)
    st.markdown(f"### {names[selected]}")
    columns = st.columns(max(len(profile), 1))
    for column, row in zip(columns, profile.itertuples()):
        column.metric(
            f"Tekort {row.sector}, {fmt_peildatum(row.peildatum)}",
            fmt_pct(row.value),
            delta=fmt_pp(row.verschil) + " t.o.v. landelijk",
            delta_color="inverse",
            help=f"Landelijk {fmt_pct(row.landelijk)}. Plaats {row.rang} van {row.aantal} gebieden. "
            f"Betrouwbaarheid: {reliability_label(row.reliability)}.",
        )
    source_line(profile, sources)
    history = metrics.local_series(indicators, selected, map_sector)
    if len(history) > 1:
        st.markdown(f"**Ontwikkeling in {names[selected]} ({map_sector})**")
        chart_block(
            measurements(history, "%"),
            history,
            sources,
            {"peildatum": "Peildatum", "value": "Tekort (%)", "reliability": "Betrouwbaarheid", "source_id": "Bron-id"},
            {"value": fmt_pct, "peildatum": fmt_peildatum, "reliability": reliability_label},
            key=f"ontwikkeling_{selected}_{map_sector}",
            note="Metingen uit verschillende bronnen (Centerdata, gemeente, nieuwsberichten) met niet altijd dezelfde "
            "methode: de stippellijn verbindt ze alleen ter oriëntatie. Cijfers van vóór 2021 komen uit tellingen "
            "van de gemeente met DUO-gegevens, niet uit de Centerdata-meting.",
        )
    gemeenten = metrics.region_gemeenten(regions, selected)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Gemeenten ({len(gemeenten)})**")
        st.write(", ".join(gemeenten["region_name"]))
        if selected.startswith("AM"):
            st.caption(
                "Het cijfer van de arbeidsmarktregio is waarschijnlijk exclusief de G5-gemeente die apart "
                "op de kaart staat (de bron zegt dit niet expliciet)."
            )
    with right:
        covering = metrics.onderwijsregios_for(selected, regions, onderwijsregios, members)
        st.markdown("**Onderwijsregio's in dit gebied (bij benadering)**")
        if covering.empty:
            missing("Voor dit gebied is geen onderwijsregio bekend in onze bronnen.")
        else:
            st.dataframe(
                labelled(
                    covering.assign(
                        betrouwbaarheid=covering["betrouwbaarheid"].map(reliability_label),
                        sectors=covering["sectors"].map(fmt_sectors),
                    ),
                    {
                        "onderwijsregio": "Onderwijsregio",
                        "status": "Status",
                        "sectors": "Sectoren",
                        "gemeenten_in_regio": "Gemeenten in dit gebied",
                        "betrouwbaarheid": "Betrouwbaarheid",
                    },
                ),
                hide_index=True,
                width="stretch",
            )
            st.caption(
                "Lidmaatschap afgeleid uit de gebiedsomschrijvingen van de regioloketten (Het Onderwijsloket, "
                "2025) en de voorloperlijst van OCW: een benadering, geen officiële indeling."
            )

# --- Compare ---------------------------------------------------------------------------------------
st.subheader("Regio's vergelijken")
st.multiselect(
    "Kies 2 tot 4 regio's",
    codes,
    key=VERGELIJK.key,
    max_selections=4,
    format_func=names.get,
    placeholder="Kies regio's",
)
chosen = st.session_state[VERGELIJK.key]
if len(chosen) < 2:
    missing("Kies ten minste twee regio's om ze naast elkaar te zien, met het landelijk cijfer als referentie.")
else:
    compared = metrics.compare_regions(regional, chosen, national)
    chart_block(
        hbar(compared, "region_name", "value", "%", reference=national, reference_label="Landelijk"),
        compared,
        sources,
        {
            "region_name": "Regio",
            "value": "Tekort (%)",
            "landelijk": "Landelijk (%)",
            "verschil": "Verschil (procentpunt)",
            "peildatum": "Peildatum",
            "reliability": "Betrouwbaarheid",
        },
        {"value": fmt_pct, "landelijk": fmt_pct, "verschil": fmt_pp, "reliability": reliability_label},
        key=f"vergelijking_{map_sector}",
    )

# --- Shortage per onderwijsregio (derived from the gemeenten it consists of) ------------------------
st.subheader(f"Tekort {map_sector} per onderwijsregio (afgeleid)")
definition, own_definition = load_definition()
werk_rows = load_indicators(indicators=("werkgelegenheid_fte",), sectors=(map_sector,), geo_levels=("gemeente",))
werk = metrics.werkgelegenheid_gemeente(werk_rows, map_sector, int(str(peildatum)[:4]))
per_oregio = metrics.onderwijsregio_shortage(definition, regional, regions, werk, map_sector)
st.markdown(
    "Tekorten worden niet per onderwijsregio gemeten. Dit is een afgeleid cijfer: elke gemeente van de "
    "onderwijsregio krijgt het tekort van haar arbeidsmarktregio (of van de eigen G5-meting), en die worden "
    "gemiddeld. "
    + (
        "De indeling in gemeenten is **uw eigen geïmporteerde definitie**."
        if own_definition
        else "De indeling in gemeenten is **een benadering** (zie hieronder); een betere indeling kan worden "
        "geïmporteerd met `python -m dashboard onderwijsregios BESTAND`."
    )
)
if werk.empty:
    missing(
        "Er is geen werkgelegenheid per gemeente geladen, dus elke gemeente telt even zwaar (ongewogen gemiddelde) "
        "en het tekort in fte is niet te berekenen. Laad de DUO-bestanden 'Onderwijspersoneel' met "
        "`python -m dashboard ingest-duo` voor een gewogen cijfer."
    )
else:
    st.caption(f"Gewogen met de werkgelegenheid (fte leraren) per gemeente van {int(werk['year'].iloc[0])} (DUO).")
if per_oregio.empty:
    missing(f"Voor {map_sector} zijn geen onderwijsregio's met gemeenten bekend.")
else:
    oregio_map = onderwijsregio_map(per_oregio, definition_groups(definition, map_sector))
    st.plotly_chart(oregio_map, width="stretch", key="oregio_kaart", config={"displayModeBar": False})
    st.caption(ATTRIBUTION + ". Onderwijsregio's uit een benaderde indeling kunnen elkaar overlappen.")
    chart_block(
        hbar(per_oregio, "onderwijsregio", "value", "%", reference=national, height=max(320, 26 * len(per_oregio))),
        per_oregio,
        sources,
        {
            "onderwijsregio": "Onderwijsregio",
            "value": "Tekort (%, afgeleid)",
            "tekort_fte": "Tekort (fte, afgeleid)",
            "werkgelegenheid_fte": "Werkgelegenheid (fte)",
            "gemeenten_met_cijfer": "Gemeenten met cijfer",
            "gemeenten": "Gemeenten",
            "weging": "Weging",
            "peildatum": "Peildatum",
        },
        {"value": fmt_pct, "tekort_fte": fmt_fte, "werkgelegenheid_fte": fmt_fte},
        key=f"onderwijsregio_tekort_{map_sector}",
        note="Afgeleid uit de meting per arbeidsmarktregio; geen eigen meting van de onderwijsregio. "
        "Lijn: landelijk cijfer.",
    )
download(
    definition,
    "onderwijsregio_definitie.csv",
    key="dl_definitie",
    label="Download de indeling (CSV, om aan te passen en te importeren)",
    columns={
        "onderwijsregio": "onderwijsregio",
        "sector": "sector",
        "gemeentecode": "gemeentecode",
        "reliability": "betrouwbaarheid",
    },
)

# --- The onderwijsregio's themselves ----------------------------------------------------------------
st.subheader("De onderwijsregio's")
facts = load_indicators(indicators=metrics.ONDERWIJSREGIO_FACTS)
counts = metrics.onderwijsregio_counts(facts)


def _count(indicator: str, year: int) -> str:
    rows = counts[(counts["indicator"] == indicator) & (counts["year"] == year)]
    return fmt_number(rows["value"].iloc[0]) if len(rows) else "–"


c1, c2, c3 = st.columns(3)
c1.metric("Aanvragen voorloper (mei 2023)", _count("aanvragen_voorloper", 2023))
c2.metric("Voorlopers (juli 2023)", _count("voorlopers", 2023))
c3.metric("Onderwijsregio's (2025, landelijk dekkend)", _count("onderwijsregios", 2025))
coverage = counts[counts["indicator"].str.startswith("dekkingsgraad")].assign(
    jaar=lambda d: d["year"].astype(str), sector_label=lambda d: d["indicator"].str.replace("dekkingsgraad_", "")
)
st.markdown("**Dekking: aandeel scholen/locaties dat deelneemt aan een onderwijsregio**")
chart_block(
    grouped_bar(coverage, "sector_label", "value", "jaar", "%"),
    coverage,
    sources,
    {"sector_label": "Sector", "jaar": "Jaar", "value": "Dekking (%)", "reliability": "Betrouwbaarheid"},
    {"value": fmt_pct, "reliability": reliability_label},
    key="dekking_onderwijsregios",
)

st.markdown("**Bekende onderwijsregio's en hun gemeenten**")
st.warning(
    "Er is geen officiële lijst gepubliceerd van alle 50 onderwijsregio's met hun gemeenten, en de OCW-lijst "
    "van de 27 voorlopers is maar deels leesbaar. Onderstaande indeling is een benadering uit de "
    "gebiedsomschrijvingen van de regioloketten; regio's overlappen per sector.",
    icon=":material/warning:",
)
overview = metrics.onderwijsregio_overview(onderwijsregios, members)
overview_columns = {
    "onderwijsregio": "Onderwijsregio",
    "status": "Status",
    "sectors": "Sectoren",
    "gemeenten": "Gemeenten (bij benadering)",
    "gemeenten_zeker": "waarvan secundair of beter",
}
st.dataframe(
    labelled(overview.assign(sectors=overview["sectors"].map(fmt_sectors)), overview_columns),
    hide_index=True,
    width="stretch",
    height=320,
)
download(
    overview, "onderwijsregios.csv", key="dl_oregios", label="Download CSV van deze lijst", columns=overview_columns
)
oregio_names = dict(zip(overview["onderwijsregio_code"], overview["onderwijsregio"]))
st.selectbox(
    "Toon de gemeenten van",
    ("",) + tuple(oregio_names),
    key=OREGIO.key,
    format_func=lambda c: "Kies een onderwijsregio" if c == "" else oregio_names[c],
)
if st.session_state[OREGIO.key]:
    oregio_members = metrics.onderwijsregio_gemeenten(st.session_state[OREGIO.key], members, regions)
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(
            membership_map(oregio_members),
            width="stretch",
            key="leden_kaart",
            config={"displayModeBar": False},
        )
        st.caption(ATTRIBUTION + ". Donkerblauw: genoemd in een officiële of regionale bron; lichtblauw: onzeker.")
    with right:
        if oregio_members.empty:
            missing("Voor deze onderwijsregio zijn geen gemeenten bekend (bijv. een landelijke onderwijsregio).")
        else:
            st.dataframe(
                labelled(
                    oregio_members.assign(reliability=oregio_members["reliability"].map(reliability_label)),
                    {"gemeente": "Gemeente", "reliability": "Betrouwbaarheid"},
                ),
                hide_index=True,
                width="stretch",
                height=380,
            )
            download(
                oregio_members,
                f"gemeenten_{st.session_state[OREGIO.key]}.csv",
                key="dl_leden",
                label="Download CSV van deze gemeenten",
                columns={
                    "gemeente_code": "Gemeentecode",
                    "gemeente": "Gemeente",
                    "reliability": "Betrouwbaarheid",
                    "note": "Toelichting",
                },
            )
    source_line(leden[leden["onderwijsregio_code"] == st.session_state[OREGIO.key]], sources)

publish(REGIO, VERGELIJK, OREGIO)
