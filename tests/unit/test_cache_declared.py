"""Caching is declared where a function is defined (@cached.<family>) and offered by dashboard.cache under the same
name: a marked function the cache does not offer, or a cache.<name> that nothing offers, fails here."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pandas as pd
import pytest

import dashboard
from dashboard import cache, cached

REPO = Path(__file__).resolve().parents[2]


def _all_modules():
    for info in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
        if info.name not in ("dashboard.__main__", "dashboard.cache"):  # the cache holds the wrappers, not the marks
            yield importlib.import_module(info.name)


def test_every_marked_function_is_offered_by_the_cache_in_its_family():
    marked = cached.marked(*_all_modules())
    assert len(marked) >= 50
    missing = sorted(name for name in marked if name not in cache.OFFERED)
    assert not missing, f"gemarkeerd, maar in een module die dashboard/cache.py niet leest (DECLARED_IN): {missing}"
    for name, fn in marked.items():
        assert getattr(cache, name).__wrapped__ is fn


def _cache_attributes(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "cache"
    }


def test_every_cache_name_the_product_uses_exists():
    files = [REPO / "app.py", *(REPO / "app_pages").glob("*.py"), *(REPO / "dashboard").rglob("*.py")]
    used = {(path.name, name) for path in files for name in _cache_attributes(path)}
    assert len(used) > 60
    unknown = sorted((file, name) for file, name in used if not hasattr(cache, name))
    assert not unknown, f"cache.<naam> zonder gecachete functie: {unknown}"


def test_the_mark_leaves_the_function_pure_and_the_cache_computes_once():
    calls = []

    @cached.metric
    def doubled(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(1)
        return frame.assign(value=frame["value"] * 2)

    frame = pd.DataFrame({"value": [1, 2]})
    assert doubled(frame)["value"].tolist() == [2, 4]  # unwrapped: a plain call
    offered = cache.FAMILIES["metric"](doubled)
    first, second = offered(frame), offered(frame)
    assert first["value"].tolist() == second["value"].tolist() == [2, 4]
    assert len(calls) == 2  # one plain call, one cached computation for two cached calls


def test_one_name_for_two_functions_is_refused():
    import types

    one, two = types.ModuleType("one"), types.ModuleType("two")
    one.f = cached.metric(lambda: 1)
    two.f = cached.metric(lambda: 2)
    with pytest.raises(ValueError, match="Twee gecachete functies heten f"):
        cached.marked(one, two)


def test_every_family_a_function_can_be_marked_with_has_a_budget():
    assert set(cache.FAMILIES) == set(cached.FAMILIES)
