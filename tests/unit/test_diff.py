"""`build --check`: what a new build would change, from a modified copy of data/raw/, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import dashboard.__main__ as cli
from dashboard.data.intake import build
from dashboard.data.model.paths import DATA_DIR, RAW_DIR
from dashboard.data.publish.diff import check_lines, diff_tables, report_lines

TEST_SOURCE = "TEST_VO_REG_NEXT"


def _next_year(raw_dir: Path) -> None:
    """A synthetic okt-2024 vo measurement per arbeidsmarktregio (the 2023 rows + 1 point), one region less;
    and in the existing 2023 po map: one region dropped, one value changed."""
    vo = pd.read_csv(raw_dir / "regional_shortage_vo.csv", dtype=str, keep_default_na=False)
    am = vo[vo["geo_level"].str.startswith("arbeidsmarktregio") & (vo["peildatum"] == "2023-10-01")]
    am = am[am["measure"] == "totaal_tekort_pct"].iloc[1:]
    synthetic = am.assign(
        peildatum="2024-10-01", source_id=TEST_SOURCE, value=(pd.to_numeric(am["value"]) + 1).round(1).astype(str)
    )
    pd.concat([vo, synthetic]).to_csv(raw_dir / "regional_shortage_vo.csv", index=False)
    sources = pd.read_csv(raw_dir / "sources.csv", dtype=str, keep_default_na=False)
    extra = {
        "source_id": TEST_SOURCE,
        "title": "Synthetische testmeting",
        "publisher": "Test",
        "year": "2025",
        "url": "",
        "kind": "test",
        "licence": "onbekend",
    }
    pd.concat([sources, pd.DataFrame([extra])]).to_csv(raw_dir / "sources.csv", index=False)
    po = pd.read_csv(raw_dir / "regional_shortage_po.csv", dtype=str, keep_default_na=False)
    groningen = (po["region_name"] == "Groningen") & (po["measure"] == "totaal_tekort_pct")
    friesland = (po["region_name"] == "Friesland") & (po["measure"] == "totaal_tekort_pct")
    assert groningen.sum() == 1 and friesland.sum() == 1
    po.loc[friesland, "value"] = "9.9"
    po[~groningen].to_csv(raw_dir / "regional_shortage_po.csv", index=False)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(RAW_DIR, raw, dirs_exist_ok=True)
    _next_year(raw)
    return build.build_all(), build.build_all(raw_dir=raw)


def test_unchanged_build_has_no_differences(builds):
    current, _ = builds
    assert diff_tables(current, current).empty
    assert report_lines(diff_tables(current, current))[0].startswith("Geen wijzigingen")


def test_new_peildatum_lost_region_changed_value_and_counts(builds):
    current, new = builds
    diff = diff_tables(current, new)
    assert {
        "indicator": "tekort_pct",
        "sector": "vo",
        "geo_level": "arbeidsmarktregio",
        "peildatum": "2024-10-01",
        "rows": 34,
    } in diff.new_peildata
    assert not diff.removed_peildata
    lost = [i for i in diff.regions_lost if i["sector"] == "po" and i["peildatum"] == "2023-10-01"]
    assert lost == [
        {
            "indicator": "tekort_pct",
            "sector": "po",
            "geo_level": "arbeidsmarktregio",
            "peildatum": "2023-10-01",
            "regions": ["AM01"],
        }
    ]
    assert not diff.regions_gained  # the new peildatum is reported as new, not as 34 gained regions
    (changed,) = diff.changed_values
    assert changed["region_code"] == "AM02" and changed["new"] == [9.9] and changed["old"] != [9.9]
    assert diff.row_counts["indicators"] == (len(current["indicators"]), len(current["indicators"]) + 34 - 1)
    assert diff.keys_added["sources"] == [TEST_SOURCE]
    assert [f["region_code"] for f in diff.figures_removed] == ["AM01"] and not diff.figures_added


def test_report_is_dutch_and_names_what_changes(builds):
    current, new = builds
    text = "\n".join(report_lines(diff_tables(current, new)))
    assert "Nieuwe peildata (1):\n  tekort_pct vo arbeidsmarktregio: 2024-10-01 (34 rijen)" in text
    assert "Regio's die een cijfer verliezen (1):\n  tekort_pct po arbeidsmarktregio 2023-10-01: AM01" in text
    assert "tekort_pct po arbeidsmarktregio AM02 2023-10-01 (OCW_PO_REG_2023): 9,1 -> 9,9" in text
    assert f"indicators: {len(current['indicators'])} -> {len(current['indicators']) + 33} (+33)" in text
    assert f"sources: nieuw (1):\n  {TEST_SOURCE}" in text


def test_check_against_a_folder_and_cli_writes_nothing(builds, tmp_path, capsys, monkeypatch):
    current, new = builds
    for name, frame in current.items():
        frame.to_parquet(tmp_path / f"{name}.parquet", index=False)
    assert "Nieuwe peildata (1):" in "\n".join(check_lines(new, tmp_path))
    assert check_lines(current, tmp_path)[0].startswith("Geen wijzigingen")
    before = {p.name: p.stat().st_mtime_ns for p in DATA_DIR.glob("*.parquet")}
    monkeypatch.setattr(cli, "DATA_DIR", tmp_path)
    assert cli.main(["build", "--check"]) == 0
    assert capsys.readouterr().out.startswith("Geen wijzigingen")
    assert {p.name: p.stat().st_mtime_ns for p in DATA_DIR.glob("*.parquet")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.parquet" for n in current)
