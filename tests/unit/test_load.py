import pandas as pd

from dashboard import cache
from dashboard.data.intake.ingest import check_upload, import_files
from dashboard.data.model.paths import DATA_DIR
from dashboard.data.store import load
from dashboard.data.store.load import IndicatorFilter, SessionData, read_indicators

EXAMPLE = DATA_DIR / "voorbeeld" / "eigen_cijfers.csv"


def test_filter_push_down_matches_pandas_filter():
    full = pd.read_parquet(DATA_DIR / "indicators.parquet")
    expected = full[(full["indicator"] == "tekort_pct") & (full["sector"] == "vo")]
    got = read_indicators(DATA_DIR / "indicators.parquet", IndicatorFilter(("tekort_pct",), ("vo",)))
    assert len(got) == len(expected) > 40
    assert set(got["sector"]) == {"vo"}


def test_imports_are_merged_and_show_up_without_restart(tmp_path, monkeypatch, tables):
    monkeypatch.setattr(load, "EIGEN_DIR", tmp_path)
    before = cache.indicators(indicators=("tekort_pct",), sectors=("po",))
    import_files([EXAMPLE], tables["sources"], tables["regions"], tmp_path)
    merged = cache.indicators(indicators=("tekort_pct",), sectors=("po",))
    assert len(merged) == len(before) + 3
    assert (merged["source_id"] == "EIGEN-VOORBEELD_OCW_PO_2023").sum() == 3
    assert len(cache.table("sources")) == len(tables["sources"]) + 1


def test_session_upload_is_passed_in_and_merged_with_the_same_filters(tables):
    rows, sources = check_upload(EXAMPLE.read_bytes(), EXAMPLE.name, tables["sources"], tables["regions"])
    session = SessionData(rows, sources, "x.csv")
    po = cache.indicators(indicators=("tekort_pct",), sectors=("po",), session=session)
    vo = cache.indicators(indicators=("tekort_pct",), sectors=("vo",), session=session)
    assert po["source_id"].str.startswith("EIGEN-").sum() == 3
    assert vo["source_id"].str.startswith("EIGEN-").sum() == 0
    assert "EIGEN-VOORBEELD_OCW_PO_2023" in set(cache.table("sources", session)["source_id"])
    assert "EIGEN-VOORBEELD_OCW_PO_2023" not in set(cache.table("sources")["source_id"])  # other sessions
    assert len(cache.table("regions", session)) == len(tables["regions"])  # only indicators and sources take rows


def test_the_data_layer_knows_no_streamlit_plotly_or_metrics():
    import ast
    from pathlib import Path

    for path in Path(load.__file__).parents[1].rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        upward = {
            m
            for m in names
            if m.split(".")[0] in ("streamlit", "plotly")
            or m.startswith(
                (
                    "dashboard.metrics",
                    "dashboard.charts",
                    "dashboard.ui",
                    "dashboard.cache",
                    "dashboard.views",
                    "dashboard.sections",
                    "dashboard.api",
                    "dashboard.web",
                )
            )
        }
        assert not upward, f"{path.name} importeert {upward}"
