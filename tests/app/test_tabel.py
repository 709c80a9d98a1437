"""Tabel maken (/tabel): renders from its URL, every choice changes what is shown, the URL goes round, a choice
without figures says so, and its CSV holds exactly the API's rows for the same choice."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from dashboard import cache, links
from dashboard.api.tables import indicators_view
from dashboard.format import reliability_label
from dashboard.web.download import make_file
from tests.app.helpers import downloads, open_page, texts

EXAMPLE = {"indicator": "tekort_pct", "sector": "vo", "gebied": "arbeidsmarktregio", "peildatum": "2023-10-01"}


def _param(at, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def _pivot(at) -> pd.DataFrame:
    return at.dataframe[0].value


def _csv(at) -> pd.DataFrame:
    ((_, href),) = [d for d in downloads(at) if d[1].startswith("/download/tabel_") and ".csv?" in d[1]]
    query = parse_qs(urlsplit(href).query)
    body = make_file(links.decode_spec(query["r"][0]))
    return pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig", dtype={"Peildatum": str})


def _api_url(at) -> str:
    found = [c.value for c in at.caption if "/api/v1/indicators?" in c.value]
    assert found, "de pagina noemt geen API-link"
    return found[0].split("](", 1)[1].split(")", 1)[0]


def test_example_link_renders_areas_by_peildatum_with_national_reference():
    at = open_page("tabel", **EXAMPLE)
    pivot = _pivot(at)
    assert list(pivot.columns) == ["Gebied", "okt 2023"]
    assert len(pivot) >= 36  # 35 arbeidsmarktregio's and the national figure
    assert pivot["Gebied"].iloc[-1] == "Nederland (landelijk)"
    assert pivot["okt 2023"].iloc[-1] == "5,8%"
    assert "per arbeidsmarktregio (okt 2023)" in texts(at)
    assert not at.get("plotly_chart"), "de tabel opent zonder grafiek (die staat op het tabblad Grafiek)"
    assert "Bron" in texts(at)


def test_the_chart_tab_draws_the_same_figures_and_goes_round_in_the_url():
    table_csv = _csv(open_page("tabel", **EXAMPLE))
    at = open_page("tabel", **EXAMPLE, tabel_of_grafiek="Grafiek")
    assert at.get("plotly_chart"), "geen grafiek op het tabblad Grafiek"
    assert not at.dataframe, "het tabblad Grafiek toont de tabel niet nog eens"
    pd.testing.assert_frame_equal(_csv(at), table_csv)  # one CSV under both tabs: the same rows
    assert _param(at, "tabel_of_grafiek") == ["Grafiek"]


def test_csv_equals_the_api_rows_of_the_same_choice():
    at = open_page("tabel", **EXAMPLE)
    csv = _csv(at)
    params = parse_qs(urlsplit(_api_url(at)).query)
    for name in ("indicator", "sector", "geo_level", "peildatum"):  # the URL's choice, one to one
        assert params[name] == [EXAMPLE["gebied" if name == "geo_level" else name]]
    rows, _, _ = indicators_view(cache.snapshot(), params)
    assert len(csv) == len(rows) == 35
    assert csv["Regiocode"].tolist() == rows["region_code"].tolist()
    assert csv["Waarde"].tolist() == pytest.approx(rows["value"].tolist())
    assert csv["Bron-id"].tolist() == rows["source_id"].tolist()
    # the page's CSV says the API's codes in the page's Dutch words (issue 30)
    assert csv["Betrouwbaarheid"].tolist() == [reliability_label(r) for r in rows["reliability"]]


def test_chosen_areas_and_comma_separated_regions_and_repeated_peildata():
    at = open_page("tabel", indicator="tekort_pct", sector="po", gebied="gemeente", regio="GM0363,GM0599")
    pivot = _pivot(at)
    assert {"Amsterdam", "Rotterdam", "Nederland (landelijk)"} <= set(pivot["Gebied"])
    assert len(pivot.columns) > 3  # every peildatum of the two
    csv = _csv(at)
    assert set(csv["Regiocode"]) == {"GM0363", "GM0599"}
    assert _param(at, "regio") == ["GM0363,GM0599"]

    at.multiselect(key="tabel_peildatum").set_value(["2022-10-01", "2023-10-01"]).run()
    assert list(_pivot(at).columns) == ["Gebied", "okt 2022", "okt 2023"]
    assert _param(at, "peildatum") == ["2022-10-01", "2023-10-01"]  # repeated, as the links


def test_each_choice_changes_the_table_and_the_url_goes_round():
    at = open_page("tabel", **EXAMPLE)
    before = _pivot(at)
    at.multiselect(key="tabel_regio").set_value(["AM09", "AM20"]).run()
    after = _pivot(at)
    assert len(after) == 3 and not after.equals(before)
    link = {name: _param(at, name)[0] for name in at.query_params}
    again = open_page("tabel", **link)
    assert _pivot(again).equals(after)
    assert again.multiselect(key="tabel_regio").value == ["AM09", "AM20"]
    at.selectbox(key="gebied").set_value("land").run()  # arbeidsmarktregio codes have no national figures
    assert "geen cijfers" in " ".join(i.value for i in at.info)
    at.multiselect(key="tabel_regio").set_value([]).run()
    assert _pivot(at)["Gebied"].str.startswith("Nederland").all()


def test_a_fresh_link_opens_what_the_sector_has_figures_for():
    at = open_page("tabel", sector="mbo")  # no regional figures for the mbo
    assert at.selectbox(key="gebied").value == "land"
    assert len(_pivot(at)) >= 1
    assert _param(at, "indicator") and _param(at, "gebied") == ["land"]  # the whole choice in the link


def test_a_choice_without_figures_says_so_and_shows_no_empty_table():
    at = open_page("tabel", indicator="tekort_pct", sector="vo", gebied="gemeente", peildatum="1999-10-01")
    messages = " ".join(i.value for i in at.info)
    assert "geen cijfers gepubliceerd" in messages
    assert "okt 1999" in messages
    assert not at.dataframe, "een lege tabel"
    assert _param(at, "peildatum") == ["1999-10-01"]  # the link keeps meaning itself


def test_its_own_link_parameters_are_no_wrong_link():
    """indicator=, gebied=, regio= and peildatum= are this page's own: no notice calls them unknown."""
    at = open_page("tabel", **EXAMPLE)
    assert not [w.value for w in at.warning if "heeft geen keuze" in w.value]
