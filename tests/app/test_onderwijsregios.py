"""The Onderwijsregio's page: map, profile from the URL, comparison, own region, facts."""

import json

from helpers import downloads, open_page, texts

HAAGLANDEN = "OR-haaglanden"


def test_renders_map_with_every_region_of_the_sector():
    at = open_page("onderwijsregios")
    assert at.title[0].value == "Onderwijsregio's"
    assert "Afgeleid tekort po per onderwijsregio, okt 2023" in texts(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["data"][0]["locations"]) >= 30  # most of the country has a region
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


def test_voorlopers_in_one_click():
    at = open_page("onderwijsregios", sector="vo")
    at.button(key="_overgelijk_snel").click().run()
    assert len(at.multiselect(key="overgelijk").value) >= 2
    assert at.query_params["overgelijk"]


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


ROTTERDAM = "OR-rotterdam-po-rotterdam-vo-mbo"


def test_members_lying_apart_are_flagged_and_the_figure_can_leave_them_or_the_unsure_ones_out():
    import io

    import pypdf

    from dashboard.views import onderwijsregios as views

    at = open_page("onderwijsregios", oregio=ROTTERDAM)
    all_members = next(m.value for m in at.metric if m.label.startswith("Tekort po"))
    assert any("Ligt los van de rest:** Ede, Katwijk, Leiden" in c.value for c in at.caption)  # from the boundaries
    at.radio(key="leden").set_value("zonder-los").run()
    assert at.query_params["leden"] == "zonder-los"
    without = next(m.value for m in at.metric if m.label.startswith("Tekort po"))
    assert without != all_members and any(m.value == "17 van 17" for m in at.metric)
    note = "Het cijfer telt 3 gemeenten die los van de rest liggen niet mee: Ede, Katwijk en Leiden."
    assert note in texts(at)
    # every member of Rotterdam's approximate definition is 'onzeker': nothing is left to count, and the page says so
    at = open_page("onderwijsregios", oregio=ROTTERDAM, leden="zonder-onzeker")
    assert any("blijft er geen gemeente over" in i.value for i in at.info)
    # the PDF tells the same as the page
    data = views.oregio_data("po")
    pdf = views.regioprofiel_pdf(views.profile(data, ROTTERDAM, None, "zonder-los"), [])
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Ede, Katwijk en Leiden" in " ".join(text.split()) and without in text
