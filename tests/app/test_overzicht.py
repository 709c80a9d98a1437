import plotly.io
from helpers import downloads, open_page, texts


def test_headline_figures():
    at = open_page("overzicht")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["PO · okt 2023"] == "9,7%"
    assert metrics["VO · okt 2023"] == "5,8%"
    assert "+0,2 procentpunt" in at.metric[0].delta
    assert "2.285" in texts(at)  # zij-instroom record from the Kamerbrief


def test_sector_filter_changes_small_map():
    at = open_page("overzicht", sector="vo")
    assert "(vo, okt 2023)" in texts(at)
    assert "Achterhoek: **13,0%**" in texts(at)
    at.radio(key="sector").set_value("po").run()
    assert "Almere: **23,8%**" in texts(at)
    assert "sector" not in at.query_params


def test_the_ranking_opens_and_the_map_is_the_tab_next_to_it():
    at = open_page("overzicht", sector="po")
    assert "kaart_klein" not in [c.key for c in at.get("plotly_chart")]  # the trend draws, the map waits for its tab
    assert "Almere: **23,8%**" in texts(at) and "Achterhoek: **1,8%**" in texts(at)  # highest and lowest
    at = open_page("overzicht", sector="po", lijst_of_kaart="Kaart")
    assert "kaart_klein" in [c.key for c in at.get("plotly_chart")]
    assert at.query_params["lijst_of_kaart"] == "Kaart"
    assert any(link.startswith("/download/tekort_po_per_regio.csv?") for _, link in downloads(at))


def test_the_mbo_forecast_is_shown_where_the_mbo_is_chosen_with_its_table_and_source():
    assert "mbo_prognose" not in [c.key for c in open_page("overzicht").get("plotly_chart")]
    at = open_page("overzicht", sector="mbo")
    assert [c.key for c in at.get("plotly_chart")][:2] == ["tekort_trend", "mbo_prognose"]
    assert "21.500 fte" in at.get("plotly_chart")[1].proto.spec  # 2027 in the OIC forecast
    assert any("Prognoses arbeidsmarkt mbo" in c.value for c in at.caption)
    assert any(link.startswith("/download/mbo_prognose.csv?") for _, link in downloads(at))  # its CSV, by name


def test_every_chart_and_map_is_in_words_under_it():
    at = open_page("overzicht", sector="po")
    words = [c.value for c in at.caption if c.value.startswith("In woorden: ")]
    # the map, as the issue asks it, and the trend: one sentence per figure on the page
    assert "In woorden: Hoogste tekort: Almere 23,8%; laagste: Achterhoek 1,8%; landelijk 9,7%\\." in words
    assert len(words) == 2, words
    assert any("po gemeten: van 9\\.100 fte in 2021" in w for w in words), words


def test_the_trend_never_draws_a_news_figure_on_the_gemeten_line():
    at = open_page("overzicht", sector="po")
    chart = next(c for c in at.get("plotly_chart") if c.key == "tekort_trend")
    traces = {t.name: t for t in plotly.io.from_json(chart.proto.spec).data}
    gemeten = [v for name, t in traces.items() if name.endswith("gemeten") for v in t.text]
    assert "7.700 fte" not in gemeten and "1.650 fte" not in gemeten  # the 2024 news figures (RD) are berichten
    assert traces["po bericht (nieuws)"].mode == "markers" and "7.700 fte" in traces["po bericht (nieuws)"].text
    assert "1.700 fte" in traces["vo schatting"].text  # the 2021 vo estimate: a schatting, not on the gemeten line
    assert "Losse punten met een kruis erin zijn berichten" in texts(at)


def test_the_overzicht_says_what_is_published_since_and_what_each_card_is():
    at = open_page("overzicht")
    shown = texts(at)
    assert "**Nieuwer gepubliceerd:** okt 2024 en okt 2025 (Kamerbrief 18 december 2025)" in shown
    assert "Soort: meting (officieel gemeten)." in shown
    assert "Geen verschil: dit is de eerste landelijke meting in % voor het vo" in shown
    assert "Soort: bericht" in shown  # the mbo card: a news figure
