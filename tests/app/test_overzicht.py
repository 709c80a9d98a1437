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
