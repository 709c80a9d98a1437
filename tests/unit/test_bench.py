"""The benchmark code stays correct: every aggregation engine gives the same numbers on a small generated table,
and the report marks a figure over budget."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench import school_data
from bench.report import report


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return school_data.generate(20_000, tmp_path_factory.mktemp("bench") / "school.parquet")


def test_all_engines_agree_with_the_naive_one(small):
    am_ref, oregio_ref = school_data.naive(small)
    assert len(am_ref) > 0 and len(oregio_ref) > 0
    assert am_ref["fte"].sum() == pytest.approx(pd.read_parquet(small)["fte"].sum(), rel=1e-4)
    for name, engine in school_data.ENGINES.items():
        am, oregio = engine(small)
        for ref, got in ((am_ref, am), (oregio_ref, oregio)):
            pd.testing.assert_frame_equal(
                ref.astype({"year": int}), got.astype({"year": int}), check_dtype=False, rtol=1e-4, obj=name
            )


def test_report_flags_what_is_over_budget():
    from dashboard.registry import PAGES

    pages = {p.name: 10.0 for p in PAGES}
    slow = {**pages, "opleiden": 200.0}
    sizes = {"kaart arbeidsmarktregio's": 600_000, "kaart gemeenten (alle 342)": 1_000_000}
    results = {
        "warm": {
            "real": {"warm_ms": slow, "bytes": sizes},
            "naive": {"warm_ms": {p: 1000.0 for p in pages}, "bytes": sizes},
        }
    }
    table = report(results).splitlines()
    assert any("warme rerun opleiden" in line and "**NEE**" in line for line in table)
    assert any("warme rerun overzicht" in line and line.endswith("ja |") for line in table)
    assert any("kaart arbeidsmarktregio's" in line and "**NEE**" in line for line in table)
    assert any("kaart gemeenten" in line and line.endswith("ja |") for line in table)


def test_soak_views_are_distinct_or_a_repeated_pool_and_growth_is_per_view():
    import itertools

    from bench.soak import Choices, Soak, distinct_views, summary, table

    choices = Choices(
        regions={"po": ("AM01", "AM02", "AM03"), "vo": ("AM01", "AM02", "AM03")},
        vakken_vo=("a", "b", "c", "d"),
        vakken_diploma=("a", "b", "c", "d"),
        opleidingen=("x", "y", "z"),
        oregios=("OR-a", "OR-b", "OR-c"),
        gemeenten=("GM1", "GM2", "GM3", "GM4"),
    )
    views = list(itertools.islice(distinct_views(1, choices), 200))
    assert len(set(views)) == 200
    pooled = list(itertools.islice(distinct_views(1, choices, pool=5), 15))
    assert pooled[:5] == pooled[5:10] == pooled[10:] and len(set(pooled)) == 5
    soak = Soak(
        deadline=0,
        views=100,
        load_seconds=20,
        samples=[(0, 100_000_000, 0), (10, 110_000_000, 50), (20, 110_500_000, 100), (30, 110_500_000, 100)],
    )
    result = summary(soak)
    assert result["kb_per_view_first_half"] == 200 and result["kb_per_view_second_half"] == 10
    assert result["levels_off"] and result["ceiling_mb"] == 110.5 and result["under_ceiling"]
    soak.cached = [10_000_000, 20_000_000, -1, 21_000_000]
    lines = table(soak, summary(soak)).splitlines()
    assert "| 10 | 110 | 50 | 20 |" in lines and "| 20 | 110 | 100 | - |" in lines  # caches next to RSS
    assert lines[-1].endswith("-> eronder")
    soak.samples[2] = (20, 700_000_000, 100)
    assert table(soak, summary(soak)).endswith("-> EROVER")


def test_felt_and_cold_are_ratios_to_the_floor():
    floor = {p: {"link": [100.0], "sector": [100.0], "filter": [100.0]} for p in ("overzicht", "opleiden")}
    app = {
        "overzicht": {"link": [140.0, 160.0], "sector": [250.0], "filter": []},
        "opleiden": {"link": [120.0], "sector": [120.0], "filter": [130.0]},
    }
    cold = {
        "real": 5.0,
        "naive": 6.0,
        "floor": 4.0,
        "no_warmup": 6.0,
        "visit": 3.0,
        "visit_no_warmup": 4.0,
        "floor_visit": 2.0,
    }
    table = report({"felt": {"app": app, "floor": [floor, floor]}, "cold": cold}).splitlines()
    assert any("paginalink naar overzicht" in line and "1,50x" in line and line.endswith("ja |") for line in table)
    assert any("sector wisselen op overzicht" in line and "**NEE**" in line for line in table)
    assert not any("hoofdfilter" in line and "overzicht" in line for line in table)  # no filter, no row
    assert any("koude start" in line and "1,25x" in line and line.endswith("ja |") for line in table)
    assert any("eerste bezoek" in line and "1,50x" in line and "**NEE**" in line for line in table)


def _load(users: int, views_per_s: float, p50: float, p95: float, replicas_cpu: float) -> dict:
    return {
        "users": users,
        "views": int(views_per_s * 20),
        "wall_s": 20.0,
        "views_per_s": views_per_s,
        "p50_ms": p50,
        "p95_ms": p95,
        "error_count": 0,
        "cpu_s": {"replicas": replicas_cpu, "nginx": 0.5, "generator": 2.0, "machine": 30.0},
    }


def test_scaleout_table_gives_the_ratios_against_their_goals():
    from bench.scaleout import scaleout_table

    def config(p50: float, best: dict) -> dict:
        return {
            "fixed": {"p50_ms": p50, "p95_ms": p50 * 2, "error_count": 0},
            "capacity": {"steps": [best], "best": best},
        }

    results = {
        "seconds": 20,
        "budget_ms": 1000,
        "fixed_rate": 8,
        "configs": {
            "direct": config(20.0, _load(16, 80.0, 150, 400, 19.0)),
            "nginx": config(22.0, _load(16, 78.0, 160, 420, 19.0)),
            "nginx2": config(23.0, _load(32, 150.0, 170, 500, 38.0)),
        },
    }
    table = scaleout_table(results)
    assert "| nginx ervoor: p50 bij vast tempo, via nginx / direct | 1,10x | <= 1,05x | **nee** |" in table
    assert "| 2 replica's / 1 replica: views/s binnen het p95-budget | 1,92x | >= 1,8x | ja |" in table
    row = "| 2 replica's via nginx | 23 / 46 ms | 150,0 views/s (32 gebruikers) | 1,90 / 0,03 / 0,10 / 0,00 | 0 |"
    assert row in table


def test_the_bench_modules_import_each_other_without_a_circle():
    """bench/common.py imports no other benchmark module; nothing imports the entry bench/run.py; no circle."""
    import ast

    folder = Path(__file__).resolve().parents[2] / "bench"
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        used: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "bench":
                used |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bench."):
                used.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                used |= {a.name.split(".")[1] for a in node.names if a.name.startswith("bench.")}
        graph[path.stem] = used - {path.stem}
    assert not graph["common"], graph["common"]
    assert not [name for name, used in graph.items() if "run" in used]

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(n == target or (n not in seen and reaches(n, target, seen | {n})) for n in graph.get(start, ()))

    assert not [name for name in graph if reaches(name, name, set())]
