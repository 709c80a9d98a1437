"""The figures taken over from the December 2026 search (data/raw/new_figures_2026_keuze.md) survive the build."""

import pandas as pd
import pytest

from dashboard import metrics


def _one(ind: pd.DataFrame, **equals: object) -> pd.Series:
    rows = ind
    for column, value in equals.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, equals
    return rows.iloc[0]


def test_new_figures_keep_value_source_and_reliability(tables):
    ind = tables["indicators"]
    po = _one(ind, indicator="tekort_pct", sector="po", peildatum="2024-10-01", source_id="HVN_2025_PABO")
    assert po["value"] == pytest.approx(8.1) and po["reliability"] == "secondary" and po["categorie"] == "landelijk"
    pabo = _one(ind, indicator="opleiding_eerstejaars", year=2024)
    assert pabo["value"] == 5838 and pabo["sector"] == "po"
    mbo = _one(ind, indicator="benodigde_leraren_fte", sector="mbo", year=2027)
    assert mbo["value"] == 21500 and mbo["kind"] == "raming"
    juli = _one(ind, indicator="openstaande_vacatures_juli", peildatum="2024-07")
    assert juli["value"] == 3200 and "circa" in juli["unit"]
    assert set(ind.loc[ind["indicator"] == "nieuwe_vacatures_schooljaar", "unit"]) == {"vacatures (ruim)"}
    assert {"HVN_2025_PABO", "NOS_2024_RANDSTAD", "OIC_PROGNOSE_MBO"} <= set(tables["sources"]["source_id"])


def test_latest_national_po_shortage_is_okt_2024(tables):
    series = metrics.national_series(tables["indicators"], "po")
    assert series.iloc[-1]["peildatum"] == "2024-10-01" and series.iloc[-1]["value"] == pytest.approx(8.1)
