"""The API keeps its codes and says them in words beside them, filters on categorie and takes an onderwijsregio by
its OR- code as the pages' links write it (issue 30)."""

import json

import pytest

from tests.api.test_api_http import get, read_csv


def test_categorie_is_a_filter_and_names_the_alternatives(server, tables):
    rows = tables["indicators"]
    twins = rows[rows["categorie"] != ""].groupby(["indicator", "sector", "geo_level", "peildatum", "kind"])
    key, group = next((k, g) for k, g in twins if g["categorie"].nunique() > 1)
    chosen = group["categorie"].iloc[0]
    status, _, body = get(
        f"{server.url}/api/v1/indicators?format=json&indicator={key[0]}&sector={key[1]}&categorie={chosen}"
    )
    data = json.loads(body)
    assert status == 200 and data["aantal"] > 0 and {r["categorie"] for r in data["rijen"]} == {chosen}
    assert data["query"]["categorie"] == [chosen]
    _, _, index = get(f"{server.url}/api/v1")
    assert "categorie" in index.decode()
    _, _, spec = get(f"{server.url}/api/v1/openapi.json")
    assert "varianten van één cijfer" in spec.decode()


def test_an_unknown_categorie_is_refused_in_dutch(server):
    status, _, body = get(f"{server.url}/api/v1/indicators?categorie=bestaat-niet")
    assert status == 400 and json.loads(body)["parameter"] == "categorie"


@pytest.mark.parametrize("asked", ["OR-haaglanden", "Haaglanden"])
def test_onderwijsregio_by_code_or_name(server, tables, asked):
    status, _, body = get(f"{server.url}/api/v1/onderwijsregios?onderwijsregio={asked}")
    data = json.loads(body)
    assert status == 200 and data["aantal"] == 1, body[:300]
    assert data["onderwijsregios"][0]["onderwijsregio_code"] == "OR-haaglanden"


def test_codes_keep_their_place_and_the_words_stand_beside_them(server):
    _, _, body = get(f"{server.url}/api/v1/indicators?indicator=tekort_pct&sector=po")
    frame = read_csv(body)
    columns = list(frame.columns)
    assert columns.index("betrouwbaarheid") == columns.index("reliability") + 1
    assert set(frame["reliability"]) <= {"solid", "solid-but-parsed", "secondary", "derived", "uncertain"}
    assert not set(frame["betrouwbaarheid"]) & {"solid", "secondary", "derived"}


def test_one_peildatum_format_and_a_periode(server):
    _, _, body = get(f"{server.url}/api/v1/indicators?format=json")
    rows = json.loads(body)["rijen"]
    dates = {r["peildatum"] for r in rows}
    assert all(d == "" or (len(d) == 10 and d[4] == "-" and d[7] == "-") for d in dates), sorted(dates)[:10]
    periods = {r["periode"] for r in rows}
    assert {"IPTO2020", "2021/2022"} <= periods and all(r["peildatum"] or r["periode"] for r in rows)


def test_alternatives_of_one_figure_are_counted(server):
    _, _, body = get(f"{server.url}/api/v1/indicators?format=json&indicator=tekort_pct&sector=po&geo_level=land")
    rows = [r for r in json.loads(body)["rijen"] if r["peildatum"] == "2024-10-01"]
    assert len(rows) >= 2 and all(r["varianten"] == len(rows) for r in rows), rows
