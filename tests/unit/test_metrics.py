import re

import pandas as pd
import pytest

from dashboard import metrics


def _rows(*rows):
    base = {
        "indicator": "tekort_pct",
        "sector": "po",
        "vak": "",
        "categorie": "",
        "unit": "%",
        "kind": "meting",
        "reliability": "solid",
        "note": "",
        "year": 2023,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


@pytest.fixture
def small():
    return _rows(
        {
            "geo_level": "arbeidsmarktregio",
            "region_code": "AM01",
            "region_name": "A",
            "value": 4.0,
            "peildatum": "2023-10-01",
            "source_id": "S1",
        },
        {
            "geo_level": "arbeidsmarktregio",
            "region_code": "AM02",
            "region_name": "B",
            "value": 8.0,
            "peildatum": "2023-10-01",
            "source_id": "S1",
        },
        {
            "geo_level": "gemeente",
            "region_code": "GM0363",
            "region_name": "Amsterdam",
            "value": 18.0,
            "peildatum": "2023-10-01",
            "source_id": "S1",
        },
        # a news figure for the same gemeente from another source: must not enter the map
        {
            "geo_level": "gemeente",
            "region_code": "GM0363",
            "region_name": "Amsterdam",
            "value": 15.0,
            "peildatum": "2024-10-01",
            "source_id": "NEWS",
            "reliability": "secondary",
        },
        {
            "geo_level": "land",
            "region_code": "NL01",
            "region_name": "NL",
            "value": 9.5,
            "peildatum": "2022-10-01",
            "source_id": "S0",
            "categorie": "landelijk",
        },
        {
            "geo_level": "land",
            "region_code": "NL01",
            "region_name": "NL",
            "value": 9.7,
            "peildatum": "2023-10-01",
            "source_id": "S1",
            "categorie": "landelijk",
        },
        {
            "geo_level": "land",
            "region_code": "NL01",
            "region_name": "NL",
            "value": 9.9,
            "peildatum": "2023-10-01",
            "source_id": "NEWS",
            "categorie": "landelijk",
            "reliability": "secondary",
        },
    )


def test_regional_shortage_uses_one_source_and_sorts(small):
    out = metrics.regional_shortage(small, "po")
    assert list(out["region_code"]) == ["GM0363", "AM02", "AM01"]
    assert set(out["source_id"]) == {"S1"}


def test_regional_shortage_empty_for_sector_without_data(small):
    assert metrics.regional_shortage(small, "mbo").empty


def test_national_series_prefers_reliable_source(small):
    series = metrics.national_series(small, "po")
    assert list(series["value"]) == [9.5, 9.7]
    change = metrics.latest_with_change(series)
    assert change["delta"] == pytest.approx(0.2)


def test_compare_regions_keeps_order_and_difference(small):
    regional = metrics.regional_shortage(small, "po")
    out = metrics.vergelijking_regios(regional, ["AM01", "GM0363", "AM99"], 9.7)
    assert list(out["region_code"]) == ["AM01", "GM0363"]
    assert list(out["verschil"].round(1)) == [-5.7, 8.3]


def test_region_profile_has_rank(small):
    profile = metrics.region_profile(small, "AM02", sectors=("po",))
    assert profile.loc[0, "rang"] == 2 and profile.loc[0, "aantal"] == 3
    assert profile.loc[0, "landelijk"] == 9.7


def test_trend_never_joins_measurement_and_forecast():
    frame = _rows(
        {
            "geo_level": "land",
            "region_code": "NL01",
            "region_name": "NL",
            "value": 9800,
            "peildatum": "2023-10-01",
            "source_id": "S",
            "categorie": "landelijk",
            "indicator": "tekort_fte",
            "unit": "fte",
        },
        {
            "geo_level": "land",
            "region_code": "NL01",
            "region_name": "NL",
            "value": 3167,
            "peildatum": "2027",
            "source_id": "R",
            "categorie": "landelijk (raming van 2022-12)",
            "indicator": "geraamd_tekort_fte",
            "kind": "raming",
            "unit": "fte",
            "year": 2027,
        },
    )
    trend = metrics.tekort_trend(frame, ("po",))
    assert set(trend["reeks"]) == {"po gemeten", "po raming (2022-12)"}
    assert trend.groupby("reeks")["kind"].nunique().max() == 1


def test_onderwijsregios_for_real_region(tables):
    members = metrics.expand_members(tables["onderwijsregio_leden"], tables["regions"])
    out = metrics.onderwijsregios_for("AM05", tables["regions"], tables["onderwijsregios"], members)
    assert "VOTA (Twente Achterhoek Oost-Salland)" in set(out["onderwijsregio"])
    assert out["gemeenten_in_regio"].is_monotonic_decreasing


def test_region_gemeenten_of_g5_and_am(tables):
    assert list(metrics.region_gemeenten(tables["regions"], "GM0363")["region_name"]) == ["Amsterdam"]
    am18 = metrics.region_gemeenten(tables["regions"], "AM18")
    assert "Amsterdam" in set(am18["region_name"]) and len(am18) > 3


def test_local_series_merges_inferred_dates_and_skips_subgroups(tables):
    series = metrics.local_series(tables["indicators"], "GM0363", "po")
    assert series["peildatum"].str.rstrip("?").is_unique
    assert 30.7 not in set(series["value"])  # speciaal basisonderwijs is a subgroup, not Amsterdam's po figure
    assert series.loc[series["peildatum"] == "2023-10-01", "reliability"].iloc[0] == "solid"


def test_regional_shortage_ignores_subgroups(tables):
    regional = metrics.regional_shortage(tables["indicators"], "po")
    assert regional.loc[regional["region_code"] == "GM0363", "value"].iloc[0] == 18.7
    assert regional["region_code"].is_unique and len(regional) == 40


def test_meer_uren_computes_in_range_and_refuses_out_of_range():
    result = metrics.meer_uren(9.7, 75, 10, 0.7, werkgelegenheid_fte=100_000)
    assert result["extra_pct_werkgelegenheid"] == pytest.approx(2.142857, rel=1e-5)
    assert result["extra_fte"] == pytest.approx(2142.857, rel=1e-5)
    for kwargs, message in [
        ({"deeltijd_pct": 500}, "Aandeel leraren dat in deeltijd werkt: 500% valt buiten het bereik 0–100%."),
        ({"extra_pct": -5}, "Aandeel deeltijders dat extra gaat werken: -5% valt buiten het bereik 0–100%."),
        ({"gem_fte": 0.01}, "Gemiddelde aanstelling van een leraar: 0,01 fte valt buiten het bereik 0,1–1 fte."),
        ({"gem_fte": 0}, "0 fte valt buiten het bereik 0,1–1 fte"),
        ({"deeltijd_pct": float("nan")}, "in deeltijd werkt: geen getal; het bereik is 0–100%."),
    ]:
        given = {"shortage_pct": 9.7, "deeltijd_pct": 75, "extra_pct": 10, "gem_fte": 0.7} | kwargs
        with pytest.raises(metrics.OutOfRange, match=re.escape(message)) as raised:
            metrics.meer_uren(**given, werkgelegenheid_fte=100_000)
        assert raised.value.field == next(iter(kwargs))


def test_vacancies_come_per_definition_with_their_approximation(tables):
    from dashboard.metrics import vacatures
    from dashboard.texts import VACATURE_TELLINGEN

    frame = vacatures(tables["indicators"])
    assert list(dict.fromkeys(frame["telling"])) == list(VACATURE_TELLINGEN.values())
    cbs = frame[frame["label"] == "schooljaar 2022/23"].iloc[0]
    assert (cbs["value"], cbs["benadering"]) == (41000.0, "ruim")
    assert set(frame.loc[frame["telling"].str.startswith("Bij UWV"), "benadering"]) == {""}  # exact counts


def test_starters_leaving_come_per_termijn_shortest_first_with_their_source(tables):
    from dashboard.metrics.behoud import uitval_starters

    frame = uitval_starters(tables["indicators"])
    assert list(dict.fromkeys(frame["termijn"])) == ["na 1 jaar", "na 3 jaar", "na 5 jaar"]
    na5 = frame[frame["termijn"] == "na 5 jaar"]
    assert (na5["cohorten"].iloc[0], na5["value"].iloc[0]) == ("2006-2008", 30.0)  # OIC_UITVAL_VO, first row
    assert na5["cohorten"].iloc[-1] == "2011-2013"  # later start years have no 5-year figure yet
    assert not frame.duplicated(["termijn", "cohorten"]).any()  # one figure per termijn and start years
    assert set(frame["source_id"]) == {"OIC_UITVAL_VO"} and set(frame["sector"]) == {"vo"}
    one = _rows(
        {
            "indicator": "uitval_startende_leraren_driejaarsgemiddelde_na_1_jaar",
            "peildatum": "2010-2012",
            "value": 21.0,
            "source_id": "A",
            "reliability": "secondary",
        },
        {
            "indicator": "uitval_startende_leraren_driejaarsgemiddelde_na_1_jaar",
            "peildatum": "2010-2012",
            "value": 20.0,
            "source_id": "B",
        },
        {"indicator": "uitval_startende_leraren_na_1_jaar", "peildatum": "2012", "value": 19.0, "source_id": "C"},
    )
    kept = uitval_starters(one)
    assert kept[["value", "source_id"]].values.tolist() == [[20.0, "B"]]  # the most reliable; no single cohorts


def test_pabo_eerstejaars_2024_25_and_the_mbo_forecast_reach_a_frame(tables):
    from dashboard.metrics import mbo_prognose, pabo_eerstejaars

    pabo = pabo_eerstejaars(tables["indicators"])
    row = pabo[(pabo["telling"] == "eerstejaars") & (pabo["studiejaar"] == "2024/25")].iloc[0]
    assert row["value"] == 5838.0 and row["source_id"] == "HVN_2025_PABO"
    mbo = mbo_prognose(tables["indicators"])
    assert (mbo["year"].min(), mbo["year"].max()) == (2017, 2027) and set(mbo["kind"]) == {"raming"}
    assert mbo["reeks"].iloc[0] == "mbo, raming van ca. 2017"


def test_counted_members_leave_out_the_unsure_or_those_lying_apart():
    from dashboard.metrics import counted_members

    codes, reliability, apart = ("A", "B", "C"), {"A": "solid", "B": "uncertain", "C": "secondary"}, ("C",)
    assert counted_members(codes, reliability, apart, "alle") == codes
    assert counted_members(codes, reliability, apart, "zonder-onzeker") == ("A", "C")  # only 'onzeker' goes
    assert counted_members(codes, reliability, apart, "zonder-los") == ("A", "B")
