"""AppTest per theme page: renders, each filter changes what is shown, URL round-trip, calculator arithmetic."""

import pytest
from helpers import downloads, open_page, texts

from dashboard.format import fmt_number


def chart_json(at, index: int = 0) -> str:
    return at.get("plotly_chart")[index].proto.spec


# --- Opleiden ---------------------------------------------------------------------------------------------------------


def test_opleiden_renders_with_sources():
    at = open_page("opleiden")
    assert at.title[0].value == "Opleiden"
    # only the open tab draws: the OCW intake (the pabo's other counts have a tab of their own)
    assert [c.key for c in at.get("plotly_chart")] == ["instroom_opleidingen"]
    assert "Instroom in de lerarenopleiding" in texts(at)
    assert any(c.value.startswith("Bron: Ministerie van OCW") for c in at.caption)  # source line under the chart
    at = open_page("opleiden", onderdeel="Pabo-eerstejaars")
    assert "5.838" in chart_json(at) and "2024/25" in texts(at)  # eerstejaars pabo 2024/25 (HVN_2025_PABO)
    assert any(link.startswith("/download/pabo_eerstejaars.csv?") for _, link in downloads(at))
    at = open_page("opleiden", onderdeel="Mbo-route")
    assert any(m.value == "3.500" for m in at.metric)


@pytest.mark.parametrize(
    ("page", "tab", "chart_key"),
    [
        ("opleiden", "Instroom", "instroom_opleidingen"),
        ("opleiden", "Pabo-eerstejaars", "pabo_eerstejaars"),
        ("opleiden", "Diploma's per vak", "diplomas_per_vak"),
        ("behoud", "Vacatures", "vacatures"),
        ("opleiden", "Zij-instroom", "zij_instroom"),
        ("onderwijstijd", "Lestijd van leerlingen", "lestijd_leerlingen"),
        ("behoud", "Regelingen", "lerarenbeurs"),
        ("behoud", "Vertrekredenen", "vertrekredenen"),
        ("behoud", "Uitstroom", ("uitstroom", "uitval_starters")),
        ("bevoegdheden", "Tekort per vak", "tekort_per_vak"),
        ("bevoegdheden", "Bevoegdheid per vak", "bevoegdheid_per_vak"),
    ],
)
def test_a_tab_from_the_link_is_open_and_draws_only_its_own_chart(page, tab, chart_key):
    at = open_page(page, onderdeel=tab)
    assert [c.key for c in at.get("plotly_chart")] == (list(chart_key) if isinstance(chart_key, tuple) else [chart_key])


def test_switching_tabs_draws_the_other_part_and_keeps_it_in_the_url():
    at = open_page("opleiden", opleidingen="pabo")
    at.session_state["onderdeel"] = "Zij-instroom"
    at.run()
    assert [c.key for c in at.get("plotly_chart")] == ["zij_instroom"]
    assert at.query_params["onderdeel"] == "Zij-instroom"
    assert at.query_params["opleidingen"] == "pabo"  # the closed tab's filter stays in the link
    at.session_state["onderdeel"] = "Instroom"
    at.run()
    assert at.multiselect(key="opleidingen").value == ["pabo"]
    assert "onderdeel" not in at.query_params  # the default tab is left out of the URL


def test_a_chart_table_is_drawn_only_once_its_expander_is_opened():
    at = open_page("opleiden")
    assert not at.table and not at.dataframe  # closed: no table for the browser to draw
    assert at.session_state["open_dl_instroom_opleidingen"] is False
    at.session_state["open_dl_instroom_opleidingen"] = True
    at.run()
    assert len(at.table) == 1 and not at.exception  # a static table (it wraps to the width), not a data grid
    columns = list(at.table[0].value.columns)
    assert columns[:3] == ["Opleiding", "Jaar", "Instroom (studenten)"]
    # a column with one value in every row is said once under the table
    assert "Betrouwbaarheid" in columns or any(c.value.startswith("In elke rij: Betrouwbaarheid") for c in at.caption)


def test_opleiden_type_and_year_filters_change_the_chart():
    at = open_page("opleiden")
    full = chart_json(at)
    at.multiselect(key="opleidingen").set_value(["pabo"]).run()
    only_pabo = chart_json(at)
    assert "Hbo tweedegraads" in full and "Pabo (hbo, po)" in full  # the legend says what the selector says
    assert only_pabo != full and "Hbo tweedegraads" not in only_pabo
    at.slider(key="_jaren").set_value((2018, 2023)).run()
    assert at.query_params["van"] == "2018" and at.query_params["opleidingen"] == "pabo"
    assert chart_json(at) != only_pabo


def test_opleiden_url_round_trip():
    at = open_page("opleiden", opleidingen="hbo2,wo1", van="2015", tot="2020", vakken="Wiskunde")
    assert at.multiselect(key="opleidingen").value == ["hbo2", "wo1"]
    assert at.slider(key="_jaren").value == (2015, 2020)
    at = open_page("opleiden", vakken="Wiskunde", onderdeel="Diploma's per vak")
    assert at.multiselect(key="vakken").value == ["Wiskunde"]
    assert "Natuurkunde" not in chart_json(at, 0)


# --- Bevoegdheden -----------------------------------------------------------------------------------------------------


def test_bevoegdheden_vak_filter_and_sort():
    at = open_page("bevoegdheden", sector="vo")
    assert not at.info  # vo chosen: no 'only vo' notice
    at.multiselect(key="vakken").set_value(["Wiskunde", "Duits"]).run()
    spec = chart_json(at)
    assert "Wiskunde" in spec and "Nederlands" not in spec
    at.selectbox(key="sorteer").set_value("vak").run()
    assert at.query_params["sorteer"] == "vak"


def test_bevoegdheden_ipto_switch_and_round_trip():
    at = open_page("bevoegdheden", ipto="IPTO2020", vakken="Wiskunde,Maatschappijleer", onderdeel="Bevoegdheid per vak")
    assert at.selectbox(key="ipto").value == "IPTO2020"
    assert "IPTO 2020" in texts(at)
    assert "84,1%" in chart_json(at, 0)  # Wiskunde bevoegd, IPTO 2020
    assert any("alleen gepubliceerd voor het vo" in i.value for i in at.info)  # sector po


# --- Onderwijstijd ---------------------------------------------------------------------------------------------------


def test_onderwijstijd_sector_changes_comparison():
    at = open_page("onderwijstijd")
    assert [c.key for c in at.get("plotly_chart")] == ["lesuren_po", "lesuren_trend"]
    assert "basisonderwijs" in chart_json(at)
    at.radio(key="sector").set_value("vo").run()
    assert "onderbouw vo" in chart_json(at)
    assert [c.key for c in at.get("plotly_chart")] == ["lesuren_vo"]  # the po trend only for po
    assert "Pilot onderwijstijd vo" in texts(open_page("onderwijstijd", onderdeel="Pilot vo"))


# --- Behoud & werving -------------------------------------------------------------------------------------------------


def _metric(at, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def test_calculator_arithmetic_defaults():
    at = open_page("behoud")
    # po: 75% deeltijd x 10% extra x 0,2 fte / 0,7 fte = 2,14% of werkgelegenheid; / 9,7% (okt 2023) = 22%
    assert _metric(at, "Extra uren") == "2,14%"
    assert _metric(at, "Deel van het tekort") == "22%"


def test_calculator_uses_the_national_shortage_the_overzicht_shows():
    overzicht = open_page("overzicht")
    po = next(m for m in overzicht.metric if "po" in m.label.lower() and m.value.endswith("%"))
    at = open_page("behoud")
    assert _metric(at, "Tekort po, Nederland") == po.value == "9,7%"
    assert "ongeveer **9.800 fte**" in texts(at)  # 9,7% of 101.000 fte, the measurement of okt 2023
    assert any("8,1% (okt 2024)" in c.value and "geen officiële meting" in c.value for c in at.caption)


def test_calculator_fte_is_chosen_in_dutch_notation():
    at = open_page("behoud")
    fte = at.select_slider(key="gem_fte")
    assert fte.format_func(fte.value) == "0,70 fte" and fte.format_func(0.85) == "0,85 fte"
    fte.set_value(0.8).run()
    assert at.query_params["gem_fte"] == "0.8"
    assert _metric(at, "Extra uren") == "1,88%"  # 0.75*0.10*0.2/0.8


def test_calculator_inputs_change_result_and_live_in_url():
    at = open_page("behoud")
    at.number_input(key="extra").set_value(40.0).run()
    assert _metric(at, "Extra uren") == "8,57%"  # 0.75*0.40*0.2/0.7
    assert at.query_params["extra"] == "40"
    at.selectbox(key="calc_regio").set_value("GM0034").run()  # Almere, 23,8%
    assert _metric(at, "Tekort po") == "23,8%"
    assert not any("geen officiële meting" in c.value for c in at.caption)  # the national note only for Nederland
    assert _metric(at, "Deel van het tekort") == "36%"
    assert at.query_params["calc_regio"] == "GM0034"


def test_calculator_round_trip_from_link():
    at = open_page("behoud", sector="vo", calc_regio="AM09", deeltijd="50", extra="20", gem_fte="0.8")
    assert at.select_slider(key="gem_fte").value == pytest.approx(0.8)
    # vo Achterhoek 13,0%: 0.5*0.2*0.2/0.8 = 2,5% -> 19%
    assert _metric(at, "Tekort vo") == "13,0%"
    assert _metric(at, "Extra uren") == "2,50%"
    assert _metric(at, "Deel van het tekort") == "19%"


def test_calculator_out_of_range_link_says_so_instead_of_computing():
    at = open_page("behoud", deeltijd="500")
    assert any("500% valt buiten het bereik 0–100%" in w.value for w in at.warning)
    assert not any(m.label.startswith("Extra uren") for m in at.metric)  # no "0,00%" / "0 fte" result
    at = open_page("behoud", gem_fte="5")
    assert any("5 fte valt buiten het bereik 0,1–1 fte" in w.value for w in at.warning)
    at = open_page("behoud", gem_fte="0.73")  # between the offered values: kept, not rounded away
    assert at.select_slider(key="gem_fte").value == pytest.approx(0.73)


def test_vacancies_are_three_counts_each_with_its_own_axis_table_and_sources():
    import json

    at = open_page("behoud", onderdeel="Vacatures")
    spec = json.loads(chart_json(at))
    assert len([k for k in spec["layout"] if k.startswith("xaxis")]) == 3  # one value axis per definition
    assert "ruim 41.000" in chart_json(at) and "circa 3.200" in chart_json(at)
    assert any("niet met elkaar te vergelijken" in c.value for c in at.caption)
    assert any(c.value.startswith("Bronnen:") and "NOS" in c.value and "UWV" in c.value for c in at.caption)
    assert any(link.startswith("/download/vacatures.csv?") for _, link in downloads(at))  # its CSV, as every chart's


def test_starters_leaving_is_drawn_under_uitstroom_with_words_source_and_csv():
    at = open_page("behoud", sector="po", onderdeel="Uitstroom")
    assert "Startende leraren die het onderwijs verlaten (vo)" in [h.value for h in at.header]
    spec = chart_json(at, 1)
    assert "na 5 jaar" in spec and "2006-2008" in spec and "31,0%" in spec  # startjaren 2007-2009 (OIC_UITVAL_VO)
    assert any(
        c.value.startswith("In woorden: Na 1 jaar: van 22%") and "na 5 jaar: van 30%" in c.value for c in at.caption
    )
    assert any("Alleen voor het vo gepubliceerd" in c.value for c in at.caption)  # also when po is chosen
    assert any(
        c.value.startswith("Bron: Ministerie van OCW") and "Uitval startende leraren" in c.value for c in at.caption
    )
    assert any(link.startswith("/download/uitval_starters.csv?") for _, link in downloads(at))


# --- Data & verantwoording -------------------------------------------------------------------------------------------


def test_data_page_lists_sources_and_downloads():
    at = open_page("data")
    assert "Begrippen" in texts(at) and "Toegankelijkheid" in texts(at)
    offered = dict(downloads(at))
    for label in (
        "Alle cijfers (CSV)",
        "Alle cijfers (Parquet)",
        "Bronnenregister (CSV)",
        "Datapakket (zip)",
        "Beschrijving (datapackage.json)",
    ):
        assert offered[label].startswith("/download/"), label
    assert "Wat is er nieuw" in texts(at) and "/api/v1/openapi.json" in texts(at)
    assert not at.dataframe or "Licentie" not in at.dataframe[0].value.columns  # the register: closed
    at.session_state["open_bronnen"] = True
    at.run()
    columns = list(at.dataframe[0].value.columns)
    assert {"Licentie", "Herverdelen"} <= set(columns)
    assert "Kaartgrenzen: CBS/PDOK Gebiedsindelingen 2025 (CC BY 4.0)" in texts(at)


def test_onderwijstijd_url_round_trip():
    at = open_page("onderwijstijd", sector="vo")
    assert at.radio(key="sector").value == "vo"
    assert "Lesuren per jaar van een voltijdleraar, vo" in texts(at)
    assert "Basisonderwijs: Nederland en OESO-gemiddelde" not in texts(at)  # the po-only trend is hidden


def test_opleiden_reversed_or_out_of_range_years_in_link():
    at = open_page("opleiden", van="2030", tot="1990")
    assert at.slider(key="_jaren").value == (2011, 2023)


def test_accessibility_statement_follows_the_government_model():
    at = open_page("data", sector="vo")
    assert "Toegankelijkheidsverklaring" in [h.value for h in at.header]
    statement = texts(at)
    for part in (
        "**Standaard.** WCAG 2.1, niveau A en AA",
        "**Status: voldoet gedeeltelijk.**",
        "**Hoe is dit onderzocht?**",
        "**Wat voldoet (nog) niet, en het alternatief**",
        "**Contact.**",
    ):
        assert part in statement, part
    # how Streamlit's own words became Dutch (and a browser test that keeps them so), and the map's alternative
    assert "static/nl.js" in statement and "Engels woord" in statement and "keuzelijst" in statement
    # the sidebar links to it on every page, keeping the sector
    link = [e for e in at.sidebar if getattr(e, "proto", None) is not None and "Toegankelijkheid" in str(e.proto)]
    assert link and "sector=vo" in str(link[0].proto), link


def test_the_sources_say_per_publisher_how_many_figures_they_gave_before_the_whole_register():
    at = open_page("data")
    listed = next(m.value for m in at.markdown if m.value.startswith("Waar de cijfers vandaan komen"))
    lines = [line for line in listed.splitlines() if line.startswith("- **")]
    assert lines[0].startswith("- **Ministerie van OCW**:") and "andere uitgevers" in lines[-1]
    figures = sum(int(line.split("**: ")[1].split(" cijfers")[0].replace(".", "")) for line in lines)
    assert f"**{fmt_number(figures)} cijfers**" in texts(at)  # the list adds up to the page's own count


def test_a_release_lists_what_changed_only_once_it_is_opened():
    at = open_page("data")
    assert at.session_state["release_0"] is False
    assert not at.code  # closed: the hundreds of lines of a release are not sent on every run of the page
    at.session_state["release_0"] = True
    at.run()
    assert not at.exception and len(at.code) == 1
    assert any(c.value.startswith("Datasetversie") for c in at.caption)
