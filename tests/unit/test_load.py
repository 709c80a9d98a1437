import pandas as pd

from dashboard.data import load
from dashboard.data.ingest import check_upload, import_files
from dashboard.data.load import load_indicators, load_table, read_indicators
from dashboard.data.paths import DATA_DIR

EXAMPLE = DATA_DIR / "voorbeeld" / "eigen_cijfers.csv"


def test_filter_push_down_matches_pandas_filter():
    full = pd.read_parquet(DATA_DIR / "indicators.parquet")
    expected = full[(full["indicator"] == "tekort_pct") & (full["sector"] == "vo")]
    got = read_indicators(DATA_DIR / "indicators.parquet", indicators=("tekort_pct",), sectors=("vo",))
    assert len(got) == len(expected) > 40
    assert set(got["sector"]) == {"vo"}


def test_imports_are_merged_and_show_up_without_restart(tmp_path, monkeypatch, tables):
    monkeypatch.setattr(load, "EIGEN_DIR", tmp_path)
    before = load_indicators(indicators=("tekort_pct",), sectors=("po",))
    import_files([EXAMPLE], tables["sources"], tables["regions"], tmp_path)
    merged = load_indicators(indicators=("tekort_pct",), sectors=("po",))
    assert len(merged) == len(before) + 3
    assert (merged["source_id"] == "EIGEN-VOORBEELD_OCW_PO_2023").sum() == 3
    assert len(load_table("sources")) == len(tables["sources"]) + 1


def test_session_upload_is_merged_with_the_same_filters(monkeypatch, tables):
    own_rows, own_sources = check_upload(EXAMPLE.read_bytes(), EXAMPLE.name, tables["sources"], tables["regions"])
    monkeypatch.setattr(load, "session_own", lambda: (own_rows, own_sources, "x.csv"))
    po = load_indicators(indicators=("tekort_pct",), sectors=("po",))
    vo = load_indicators(indicators=("tekort_pct",), sectors=("vo",))
    assert po["source_id"].str.startswith("EIGEN-").sum() == 3
    assert vo["source_id"].str.startswith("EIGEN-").sum() == 0
    assert "EIGEN-VOORBEELD_OCW_PO_2023" in set(load_table("sources")["source_id"])
    assert len(load_table("regions")) == len(tables["regions"])  # only indicators and sources take own rows
