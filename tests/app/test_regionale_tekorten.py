import json

from helpers import downloads, open_page, texts


def map_hover(at) -> str:
    """All tooltip texts of the shortage map (the first chart on the page)."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return "\n".join(t for trace in spec["data"] for t in trace["text"])


def test_renders_map_and_profile():
    at = open_page("regionale_tekorten")
    assert at.title[0].value == "Regionale tekorten"
    assert "Lerarentekort po per arbeidsmarktregio, okt 2023" in texts(at)
    assert "Kaartgrenzen: CBS/PDOK Gebiedsindelingen 2025 (CC BY 4.0)" in texts(at)


def test_links_shared_before_still_open_the_arbeidsmarktregio_view():
    at = open_page("onderwijsregios", sector="vo", regio="AM09", vergelijk="AM09,AM20")
    assert at.title[0].value == "Regionale tekorten"
    assert at.radio(key="sector").value == "vo"
    assert at.selectbox(key="regio").value == "AM09"
    assert at.multiselect(key="vergelijk").value == ["AM09", "AM20"]


def test_sector_filter_changes_the_figures():
    at = open_page("regionale_tekorten", regio="AM18")
    po_map = map_hover(at)
    assert "<b>Achterhoek</b><br>Tekort: 1,8%" in po_map
    at.radio(key="sector").set_value("vo").run()
    vo_map = map_hover(at)
    assert "<b>Achterhoek</b><br>Tekort: 13,0%" in vo_map and "Tekort: 1,8%" not in vo_map
    assert "Lerarentekort vo per arbeidsmarktregio, okt 2023" in texts(at)
    assert at.query_params["sector"] == "vo"
    assert at.selectbox(key="regio").value == "AM18"  # the selected region survives the filter change


def test_url_round_trip_restores_widgets():
    at = open_page("regionale_tekorten", sector="vo", regio="AM09", vergelijk="AM09,AM20,GM0518")
    assert at.radio(key="sector").value == "vo"
    assert at.selectbox(key="regio").value == "AM09"
    assert at.multiselect(key="vergelijk").value == ["AM09", "AM20", "GM0518"]
    assert "Achterhoek" in texts(at)
    assert any(m.label == "Tekort vo, okt 2023" and m.value == "13,0%" for m in at.metric)
    # and back: widget changes are written to the URL
    at.multiselect(key="vergelijk").set_value(["AM09", "AM20"]).run()
    assert at.query_params["vergelijk"] == "AM09,AM20"


def test_compare_needs_two_regions():
    at = open_page("regionale_tekorten", vergelijk="AM09")
    assert any("Kies ten minste twee" in i.value for i in at.info)


def test_malformed_url_falls_back_to_defaults():
    at = open_page("regionale_tekorten", sector="<b>x</b>", regio="AM99", vergelijk="=cmd|x")
    assert at.radio(key="sector").value == "po"
    assert at.selectbox(key="regio").value == ""
    assert at.multiselect(key="vergelijk").value == []


def test_mbo_says_no_regional_data():
    at = open_page("regionale_tekorten", sector="mbo")
    assert any("geen regionale tekortcijfers" in i.value for i in at.info)


def test_g5_profile_shows_history_with_sources():
    at = open_page("regionale_tekorten", regio="GM0363")
    assert "Ontwikkeling in Amsterdam (po)" in texts(at)
    assert "verschillende bronnen" in texts(at)
    at.selectbox(key="regio").set_value("AM09").run()
    assert "Ontwikkeling in" not in texts(at)  # one measurement only: no chart


def test_map_names_its_api_query():
    at = open_page("regionale_tekorten", sector="vo")
    api = next(c.value for c in at.caption if "Open data" in c.value)
    assert "/api/v1/indicators?indicator=tekort_pct&sector=vo&geo_level=arbeidsmarktregio&geo_level=gemeente" in api
    assert "peildatum=2023-10-01" in api


def test_profile_offers_the_regioprofiel_pdf():
    at = open_page("regionale_tekorten", sector="vo", regio="AM09")
    assert dict(downloads(at))["Download regioprofiel (PDF)"].startswith("/download/regioprofiel_")
