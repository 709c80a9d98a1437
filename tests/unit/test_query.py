"""The one filter (select_indicators) and the validation of API query parameters (validate_query)."""

import io

import pandas as pd
import pytest

from dashboard import metrics
from dashboard.api.tables import indicators_view
from dashboard.data.publish import query
from dashboard.data.publish.export import safe_csv
from dashboard.data.publish.published import read_snapshot
from dashboard.data.publish.query import Query, QueryError, latest_peildatum, select_indicators, validate_query


def _rows() -> pd.DataFrame:
    base = {"vak": "", "categorie": "", "kind": "meting", "unit": "%", "reliability": "solid", "source_id": "S"}
    rows = [
        {
            "indicator": "tekort_pct",
            "sector": "po",
            "geo_level": "arbeidsmarktregio",
            "region_code": "AM09",
            "peildatum": "2023-10-01",
            "value": 9.0,
        },
        {
            "indicator": "tekort_pct",
            "sector": "vo",
            "geo_level": "arbeidsmarktregio",
            "region_code": "AM09",
            "peildatum": "2023-10-01",
            "value": 5.0,
        },
        {
            "indicator": "tekort_pct",
            "sector": "vo",
            "geo_level": "land",
            "region_code": "NL01",
            "peildatum": "2022-10-01",
            "value": 4.0,
        },
        {
            "indicator": "tekort_fte",
            "sector": "vo",
            "geo_level": "land",
            "region_code": "NL01",
            "peildatum": "2021",
            "value": 3000.0,
            "kind": "raming",
        },
    ]
    return pd.DataFrame([{**base, **r} for r in rows])


REGIONS = pd.DataFrame(
    {"region_code": ["NL01", "AM09", "GM0363"], "geo_level": ["land", "arbeidsmarktregio", "gemeente"]}
)


def test_empty_filters_keep_everything():
    assert len(select_indicators(_rows())) == 4


def test_filters_combine_and_values_within_a_filter_are_alternatives():
    out = select_indicators(_rows(), sector=("po", "vo"), geo_level=("arbeidsmarktregio",))
    assert list(out["value"]) == [9.0, 5.0]
    assert list(select_indicators(_rows(), indicator=("tekort_pct",), peildatum=("2022-10-01",))["value"]) == [4.0]
    assert select_indicators(_rows(), kind=("raming",))["indicator"].tolist() == ["tekort_fte"]
    assert select_indicators(_rows(), region_code=("GM0363",)).empty


def test_latest_peildatum_ignores_years_without_a_date():
    assert latest_peildatum(_rows(), sector=("vo",), geo_level=("land",)) == "2022-10-01"
    assert latest_peildatum(_rows(), kind=("raming",)) is None


def test_validate_query_builds_the_query():
    q = validate_query({"sector": ["po", "vo", "po"], "region_code": ["AM09"], "format": ["JSON"]}, _rows(), REGIONS)
    assert q == Query(sector=("po", "vo"), region_code=("AM09",), format="json")
    assert validate_query({}, _rows(), REGIONS) == Query()
    # a known region without figures is a valid question with an empty answer
    assert validate_query({"region_code": ["GM0363"]}, _rows(), REGIONS).region_code == ("GM0363",)


@pytest.mark.parametrize(
    ("params", "param", "words"),
    [
        ({"sectr": ["po"]}, "sectr", "Onbekende parameter"),
        ({"sector": ["hbo"]}, "sector", "Onbekende waarde"),
        ({"indicator": ["tekort"]}, "indicator", "Onbekende waarde"),
        ({"region_code": ["AM9"]}, "region_code", "Ongeldige regiocode"),
        ({"region_code": ["am09"]}, "region_code", "Ongeldige regiocode"),
        ({"region_code": ["GM9999"]}, "region_code", "Onbekende waarde"),
        ({"peildatum": ["01-10-2023"]}, "peildatum", "Ongeldige peildatum"),
        ({"peildatum": ["2023-13-01"]}, "peildatum", "Ongeldige peildatum"),
        ({"peildatum": ["2030-10-01"]}, "peildatum", "Onbekende waarde"),
        ({"format": ["xlsx"]}, "format", "Onbekend formaat"),
        ({"format": ["csv", "json"]}, "format", "hooguit"),
        ({"sector": [""]}, "sector", "lege waarde"),
        ({"sector": ["po"] * (query.MAX_REPEATS + 1)}, "sector", "maximaal"),
        ({"vak": ["x" * (query.MAX_VALUE_LENGTH + 1)]}, "vak", "langer dan"),
    ],
)
def test_bad_queries_name_the_parameter_in_dutch(params, param, words):
    with pytest.raises(QueryError) as info:
        validate_query(params, _rows(), REGIONS)
    assert info.value.param == param
    assert words in info.value.message
    body = info.value.as_json()
    assert body["parameter"] == param and body["fout"] == info.value.message


def test_unknown_values_list_the_allowed_ones():
    with pytest.raises(QueryError) as info:
        validate_query({"sector": ["hbo"]}, _rows(), REGIONS)
    assert {"po", "vo", "mbo"} <= set(info.value.allowed)
    with pytest.raises(QueryError) as info:
        validate_query({"foo": ["1"]}, _rows(), REGIONS)
    assert set(info.value.allowed) == {*query.FILTERS, "format"}


def test_query_string_round_trip():
    q = Query(sector=("po", "vo"), indicator=("tekort_pct",), format="json")
    assert q.query_string() == "indicator=tekort_pct&sector=po&sector=vo&format=json"


def test_map_csv_has_the_same_rows_as_the_api(tables, tmp_path):
    """The map's CSV (tekort per arbeidsmarktregio, vo) and the API for the same view give the same figures."""
    indicators = tables["indicators"]
    regional = metrics.regional_shortage(indicators, "vo")
    map_columns = {"region_code": "Regiocode", "value": "Tekort (%)", "peildatum": "Peildatum", "source_id": "Bron-id"}
    page_csv = safe_csv(
        regional[regional["geo_level"] == "arbeidsmarktregio"][list(map_columns)].rename(columns=map_columns)
    )
    latest = latest_peildatum(indicators, indicator=("tekort_pct",), sector=("vo",), geo_level=("arbeidsmarktregio",))
    params = {"indicator": ["tekort_pct"], "sector": ["vo"], "geo_level": ["arbeidsmarktregio"], "peildatum": [latest]}
    rows, fmt, _ = indicators_view(read_snapshot(eigen_dir=tmp_path), params)
    api_csv = safe_csv(rows)
    assert fmt == "csv"

    def figures(data: bytes, code: str, value: str, date: str, source: str) -> set[tuple]:
        frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", dtype={date: str}, encoding="utf-8-sig")
        return set(frame[[code, value, date, source]].itertuples(index=False, name=None))

    page = figures(page_csv, "Regiocode", "Tekort (%)", "Peildatum", "Bron-id")
    served = figures(api_csv, "region_code", "value", "peildatum", "source_id")
    assert len(page) == 35 and page == served
