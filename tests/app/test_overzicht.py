from helpers import open_page, texts


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
