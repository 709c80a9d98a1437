"""The Onderwijsregio's page: map, profile from the URL, comparison, own region, facts."""

import json

from helpers import downloads, open_page, texts

HAAGLANDEN = "OR-haaglanden"


def test_renders_map_with_every_region_of_the_sector():
    at = open_page("onderwijsregios")
    assert at.title[0].value == "Onderwijsregio's"
    assert "Afgeleid tekort po per onderwijsregio, okt 2023" in texts(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["data"][0]["locations"]) >= 25  # most of the country has a region, each region once
    assert len(at.get("plotly_chart")) == 1  # the parts below are tabs: only the open one draws (issue 13)
    assert at.multiselect(key="overgelijk").value == []  # "Vergelijken" is open by default


def test_what_is_known_about_all_onderwijsregios_opens_from_its_tab_and_its_link():
    at = open_page("onderwijsregios")
    assert not any(m.label.startswith("Voorlopers") for m in at.metric)
    at = open_page("onderwijsregios", onderdeel="Alle onderwijsregio's")
    assert any(m.label.startswith("Voorlopers") and m.value == "27" for m in at.metric)
    assert at.query_params["onderdeel"] == "Alle onderwijsregio's"


def test_a_shared_own_region_opens_its_own_tab():
    at = open_page("onderwijsregios", eigen="GM0363,GM0384")
    assert at.multiselect(key="eigen").value == ["GM0363", "GM0384"]
    assert at.query_params["onderdeel"] == "Eigen regio"
    at.session_state["onderdeel"] = "Vergelijken"  # the visitor opens another tab: the link must say so
    at.run()
    assert at.query_params["onderdeel"] == "Vergelijken"
    assert at.query_params["eigen"] == "GM0363,GM0384"


def test_profile_from_the_link_shows_figure_spread_and_method():
    at = open_page("onderwijsregios", sector="vo", oregio=HAAGLANDEN)
    assert at.selectbox(key="oregio").value == HAAGLANDEN
    labels = {m.label: m.value for m in at.metric}
    assert labels["Tekort vo (afgeleid)"].endswith("%")
    assert " – " in labels["Laagste en hoogste cijfer in de regio"]
    assert "Hoe dit cijfer is gemaakt" in texts(at) and "ongewogen" in texts(at)
    assert dict(downloads(at))["Download regioprofiel (PDF)"].startswith("/download/regioprofiel_")
    at.selectbox(key="oregio").set_value("").run()
    assert "oregio" not in at.query_params


def test_comparison_from_the_link_restores_the_widget():
    at = open_page("onderwijsregios", sector="vo", overgelijk=f"{HAAGLANDEN},OR-zwolle-en-omgeving")
    assert at.multiselect(key="overgelijk").value == [HAAGLANDEN, "OR-zwolle-en-omgeving"]
    assert any("Landelijk" in c.value or "landelijk" in c.value for c in at.caption)
    at.multiselect(key="overgelijk").set_value([HAAGLANDEN]).run()
    assert any("Kies ten minste twee" in i.value for i in at.info)


def test_voorlopers_in_one_click_add_to_the_choice():
    at = open_page("onderwijsregios", sector="vo", oregio=HAAGLANDEN)
    assert any(
        "27 voorlopers; 5 staan met naam in deze data; 3 hebben een cijfer voor het vo" in c.value for c in at.caption
    )
    at.button(key="_overgelijk_snel").click().run()
    chosen = at.multiselect(key="overgelijk").value
    assert chosen[0] == HAAGLANDEN and len(chosen) == 4  # the own region stays, the voorlopers are added
    assert at.query_params["overgelijk"].startswith(HAAGLANDEN)


def test_one_voorloper_in_po_offers_the_own_region_not_a_dead_end():
    at = open_page("onderwijsregios", sector="po")
    assert any("1 heeft een cijfer voor het po" in c.value for c in at.caption)
    assert at.button(key="_overgelijk_snel").disabled
    at.selectbox(key="_overgelijk_eigen").set_value(HAAGLANDEN).run()
    at.button(key="_overgelijk_snel").click().run()
    assert at.multiselect(key="overgelijk").value == [HAAGLANDEN, "OR-groningen-friesland-en-drenthe-po"]
    assert not any("Kies ten minste twee" in i.value for i in at.info)
    at = open_page("onderwijsregios", sector="po", oregio=HAAGLANDEN)  # with the own region open: one click
    at.button(key="_overgelijk_snel").click().run()
    assert at.multiselect(key="overgelijk").value == [HAAGLANDEN, "OR-groningen-friesland-en-drenthe-po"]


def test_own_region_from_the_link_and_from_an_existing_region():
    at = open_page("onderwijsregios", eigen="GM0363,GM0384", eigen_naam="Amstel")
    assert at.multiselect(key="eigen").value == ["GM0363", "GM0384"]
    assert "Amstel" in [s.value for s in at.subheader]
    assert any(label.startswith("Download als indeling") for label, _ in downloads(at))
    at.selectbox(key="_eigen_start").set_value(HAAGLANDEN).run()
    at.button(key="_eigen_overnemen").click().run()
    assert len(at.multiselect(key="eigen").value) > 2
    assert "GM0518" in at.query_params["eigen"]  # 's-Gravenhage


def test_malformed_links_fall_back():
    at = open_page("onderwijsregios", oregio="<script>", overgelijk="=cmd|x", eigen="GM9999", onderdeel="<b>")
    assert at.selectbox(key="oregio").value == ""
    assert at.multiselect(key="overgelijk").value == []  # a bad onderdeel= opens the first tab
    at = open_page("onderwijsregios", eigen="GM9999")
    assert at.multiselect(key="eigen").value == []


NOORD = "OR-po-noord-nederland"  # po, every member from one loket list (onzeker), three lying apart


def test_members_lying_apart_are_flagged_and_the_figure_can_leave_them_or_the_unsure_ones_out():
    import io

    import pypdf

    from dashboard.views import onderwijsregios as views

    at = open_page("onderwijsregios", oregio=NOORD)
    all_members = next(m.value for m in at.metric if m.label.startswith("Tekort po"))
    assert any(
        "Ligt los van de rest:** Harlingen, Heerenveen, Leeuwarden" in c.value for c in at.caption
    )  # from the boundaries
    at.radio(key="leden").set_value("zonder-los").run()
    assert at.query_params["leden"] == "zonder-los"
    without = next(m.value for m in at.metric if m.label.startswith("Tekort po"))
    assert without != all_members and any(m.value == "11 van 11" for m in at.metric)
    note = "Het cijfer telt 3 gemeenten die los van de rest liggen niet mee: Harlingen, Heerenveen en Leeuwarden."
    assert note in texts(at)
    # every member of PO Noord-Nederland is 'onzeker' (one loket list): nothing is left to count, the page says so
    at = open_page("onderwijsregios", oregio=NOORD, leden="zonder-onzeker")
    assert any("blijft er geen gemeente over" in i.value for i in at.info)
    # the PDF tells the same as the page
    data = views.oregio_data("po")
    pdf = views.regioprofiel_pdf(views.profile(data, NOORD, None, "zonder-los"), [])
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Harlingen, Heerenveen en Leeuwarden" in " ".join(text.split()) and without in text


def test_old_codes_of_merged_and_split_records_open_their_region_and_say_so_once():
    at = open_page("onderwijsregios", oregio="OR-rotterdam-po-rotterdam-vo-mbo")  # split: po -> Rotterdam PO
    assert at.selectbox(key="oregio").value == "OR-rotterdam-po"
    assert any("oudere code OR-rotterdam-po-rotterdam-vo-mbo" in i.value for i in at.info)
    assert at.query_params["oregio"] == "OR-rotterdam-po"
    at.run()
    assert not any("oudere code" in i.value for i in at.info)  # once
    at = open_page("onderwijsregios", sector="vo", oregio="OR-rotterdam-po-rotterdam-vo-mbo")
    assert at.selectbox(key="oregio").value == "OR-rotterdam-vo-mbo"
    voorloper = "OR-twente-achterhoek-oost-salland"  # merged into VOTA
    at = open_page("onderwijsregios", sector="vo", overgelijk=f"{voorloper},{HAAGLANDEN}")
    assert at.multiselect(key="overgelijk").value == ["OR-vota-twente-achterhoek-oost-salland", HAAGLANDEN]


def test_voorloper_and_contested_gemeenten_on_the_profile_and_map():
    at = open_page("onderwijsregios", sector="vo", oregio="OR-vota-twente-achterhoek-oost-salland")
    page = texts(at)
    assert "Voorloper sinds 2023" in page and "Twente, Achterhoek, Oost-Salland" in page
    assert "Betwist:" in page and "betwiste gemeente" in page
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [t.get("name", "") for t in spec["data"]]
    assert any(n.startswith("Betwiste gemeente") for n in names) and any(n.startswith("Voorloper") for n in names)
    assert spec["layout"]["showlegend"] is True
    at = open_page("onderwijsregios", sector="vo", oregio="OR-vo-friesland-noordelijk-flevoland")
    assert "Waarschijnlijk dezelfde regio als 'Friesland, Noordoostpolder en Urk'" in texts(at)


def test_one_count_on_the_page_says_why_it_differs_from_ocw():
    from dashboard.views import onderwijsregios as views

    at = open_page("onderwijsregios")
    count = views.oregio_data("po").count
    assert any(
        c.value.startswith(f"**Onderwijsregio's:** 50 volgens OCW (2025); {count.total} in deze data")
        for c in at.caption
    )
