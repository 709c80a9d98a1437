"""Profile of an onderwijsregio or own set of gemeenten, and overlaps between onderwijsregio's (small frames)."""

import pandas as pd
import pytest

from dashboard import metrics

REGIONS = pd.DataFrame(
    {
        "region_code": ["GM0001", "GM0002", "GM0003", "GM0004", "AM01", "AM02"],
        "region_name": ["Aa", "Bee", "Cee", "Dee", "Noord", "Zuid"],
        "geo_level": ["gemeente"] * 4 + ["arbeidsmarktregio"] * 2,
        "arbeidsmarktregio_code": ["AM01", "AM01", "AM02", "AM03", "AM01", "AM02"],
    }
)
# GM0002 is measured itself (as a G5 gemeente); AM03 has no figure.
REGIONAL = pd.DataFrame(
    {
        "region_code": ["AM01", "AM02", "GM0002"],
        "value": [4.0, 8.0, 12.0],
        "peildatum": "2023-10-01",
        "source_id": "S",
    }
)
NO_WERK = pd.DataFrame(columns=["gemeente_code", "fte", "year", "source_id"])


def test_profile_unweighted_spread_and_counts():
    codes = ["GM0001", "GM0002", "GM0003", "GM0004"]
    reliability = {"GM0001": "solid", "GM0002": "secondary", "GM0003": "uncertain"}
    summary, gemeenten, per_am = metrics.gemeenten_profile(codes, REGIONAL, REGIONS, NO_WERK, "po", 9.7, reliability)
    assert summary["value"] == pytest.approx(8.0)  # (4 + 12 + 8) / 3, Dee has no figure
    assert summary["weging"] == "ongewogen" and summary["tekort_fte"] is None
    assert (summary["gemeenten"], summary["gemeenten_met_cijfer"], summary["gemeenten_zonder_cijfer"]) == (4, 3, 1)
    assert summary["gemeenten_onzeker"] == 2
    assert (summary["laagste"], summary["laagste_bij"]) == (4.0, "Noord")
    assert (summary["hoogste"], summary["hoogste_bij"]) == (12.0, "Bee")
    assert summary["verschil"] == pytest.approx(-1.7)
    assert summary["peildatum"] == "2023-10-01" and summary["reliability"] == "derived"
    assert list(gemeenten["herkomst"]) == ["arbeidsmarktregio", "eigen meting", "arbeidsmarktregio", "geen cijfer"]
    assert list(per_am["arbeidsmarktregio_code"]) == ["AM01", "AM02", "AM03"]
    assert list(per_am["gemeenten"]) == [2, 1, 1] and list(per_am["gemeenten_eigen_meting"]) == [1, 0, 0]
    assert per_am["value"].iloc[0] == 4.0 and pd.isna(per_am["value"].iloc[2])
    assert summary["arbeidsmarktregios"] == 3


def test_profile_weighted_by_werkgelegenheid():
    werk = pd.DataFrame(
        {"gemeente_code": ["GM0001", "GM0002", "GM0003"], "fte": [300.0, 100.0, 100.0], "year": 2023, "source_id": "D"}
    )
    summary, _, _ = metrics.gemeenten_profile(["GM0001", "GM0002", "GM0003"], REGIONAL, REGIONS, werk, "po", None)
    # (4% x 300 + 12% x 100 + 8% x 100) / 500 fte = 6,4%; tekort 12 + 12 + 8 = 32 fte / 100
    assert summary["value"] == pytest.approx(6.4) and summary["tekort_fte"] == pytest.approx(32.0)
    assert summary["werkgelegenheid_fte"] == 500.0 and summary["weging"] == "werkgelegenheid 2023"
    assert summary["landelijk"] is None and summary["verschil"] is None


def test_profile_falls_back_to_unweighted_when_a_gemeente_lacks_werkgelegenheid():
    werk = pd.DataFrame({"gemeente_code": ["GM0001"], "fte": [300.0], "year": 2023, "source_id": "D"})
    summary, _, _ = metrics.gemeenten_profile(["GM0001", "GM0003"], REGIONAL, REGIONS, werk, "po", None)
    assert summary["value"] == pytest.approx(6.0) and summary["weging"] == "ongewogen"


def test_profile_without_any_figure():
    summary, gemeenten, _ = metrics.gemeenten_profile(["GM0004"], REGIONAL, REGIONS, NO_WERK, "vo", 5.0)
    assert summary["value"] is None and summary["verschil"] is None and summary["laagste"] is None
    assert len(gemeenten) == 1


def test_onderwijsregio_shortage_and_profile_share_one_core():
    definition = pd.DataFrame(
        {
            "onderwijsregio": ["R", "R", "R", "Q"],
            "sector": "po",
            "gemeentecode": ["GM0001", "GM0002", "GM0003", "GM0004"],
            "reliability": "secondary",
        }
    )
    table = metrics.onderwijsregio_shortage(definition, REGIONAL, REGIONS, NO_WERK, "po")
    assert list(table["onderwijsregio"]) == ["R"]  # Q has no figure at all
    profile = metrics.onderwijsregio_profile(definition, "R", "po", REGIONAL, REGIONS, NO_WERK, 9.7)
    assert profile.summary["value"] == pytest.approx(table["value"].iloc[0])
    assert profile.summary["gemeenten_onzeker"] == 3


def test_overlaps_per_sector():
    definition = pd.DataFrame(
        {
            "onderwijsregio": ["A", "B", "C", "A", "B", "A"],
            "sector": ["po", "po", "po", "po", "vo", "vo"],
            "gemeentecode": ["GM0001", "GM0001", "GM0001", "GM0002", "GM0002", "GM0002"],
        }
    )
    po = metrics.onderwijsregio_overlaps(definition, "po", REGIONS)
    assert po.to_dict("records") == [
        {"gemeentecode": "GM0001", "gemeente": "Aa", "onderwijsregios": "A; B; C", "aantal": 3}
    ]
    vo = metrics.onderwijsregio_overlaps(definition, "vo")
    assert list(vo["gemeentecode"]) == ["GM0002"] and vo["gemeente"].iloc[0] == ""
    summary = metrics.overlap_summary(definition).set_index("sector")
    assert summary.loc["po", "gemeenten"] == 2 and summary.loc["po", "gemeenten_in_meer_regios"] == 1
    assert summary.loc["po", "meeste_regios"] == 3 and summary.loc["vo", "gemeenten_in_meer_regios"] == 1


def test_overlaps_in_the_shipped_definition(tables):
    summary = metrics.overlap_summary(tables["onderwijsregio_gemeenten"]).set_index("sector")
    assert summary.loc["po", "gemeenten_in_meer_regios"] > 0
    assert (summary["gemeenten_in_meer_regios"] <= summary["gemeenten"]).all()
