import pandas as pd

from dashboard.data import load
from dashboard.data.ingest import add_own
from dashboard.data.load import load_indicators, load_table, read_indicators
from dashboard.data.paths import DATA_DIR


def test_filter_push_down_matches_pandas_filter():
    full = pd.read_parquet(DATA_DIR / "indicators.parquet")
    expected = full[(full["indicator"] == "tekort_pct") & (full["sector"] == "vo")]
    got = read_indicators(DATA_DIR / "indicators.parquet", indicators=("tekort_pct",), sectors=("vo",))
    assert len(got) == len(expected) > 40
    assert set(got["sector"]) == {"vo"}


def test_own_uploads_are_merged_and_show_up_without_restart(tmp_path, monkeypatch, tables):
    monkeypatch.setattr(load, "EIGEN_DIR", tmp_path)
    assert load_indicators(indicators=("eigen_x",)).empty
    header = ";".join(tables["indicators"].columns)
    row = "eigen_x;po;;land;NL01;Nederland;;2024;2024;1,5;%;meting;secondary;CD_2023;"
    add_own(f"{header}\n{row}\n".encode(), set(tables["sources"]["source_id"]), tmp_path)
    merged = load_indicators(indicators=("eigen_x",))
    assert list(merged["value"]) == [1.5]
    assert len(load_table("sources")) == len(tables["sources"])  # no new source: none added
