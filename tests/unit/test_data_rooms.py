"""The data layer's rooms (dashboard/data/__init__.py): each imports only the rooms below it, every module is in a
room, and the layer knows nothing above it (no Streamlit, plotly, metrics, charts, views, pages)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "dashboard" / "data"
ROOMS = ["model", "store", "publish", "intake"]  # bottom up: a room imports only the rooms before it
# The marker a data function is cached by, and Dutch notation (format, which imports only texts) for the release
# notes' sentences: neither imports anything else of the product.
ALLOWED_ABOVE = {"dashboard.cached", "dashboard.format"}


def _package(path: Path) -> str:
    return ".".join(path.relative_to(DATA.parents[1]).with_suffix("").parts[:-1])


def _imports(source: str, package: str) -> set[str]:
    """Every module `source` imports, absolute: relative imports resolved, `from a import b` as a and as a.b."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return found


def _rooms_above(room: str, source: str, package: str) -> set[str]:
    used = {m.split(".")[2] for m in _imports(source, package) if m.startswith("dashboard.data.")}
    return used - set(ROOMS[: ROOMS.index(room) + 1])


def _outside(source: str, package: str) -> set[str]:
    """What a data module imports from above the data layer."""
    found = _imports(source, package)
    return {
        m
        for m in found
        if m.split(".")[0] in ("streamlit", "plotly", "app_pages", "app", "serve")
        or (
            m.startswith("dashboard.")
            and not m.startswith("dashboard.data")
            and m not in ALLOWED_ABOVE
            and m.rsplit(".", 1)[0] not in ALLOWED_ABOVE
        )
        or (m == "dashboard" and not found & ALLOWED_ABOVE)
    }


def test_every_module_is_in_a_room_and_every_room_says_what_it_does():
    flat = [p.name for p in DATA.glob("*.py") if p.name != "__init__.py"]
    assert not flat, f"modules zonder kamer in dashboard/data/: {flat}"
    assert sorted(p.name for p in DATA.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(ROOMS)
    for init in DATA.rglob("__init__.py"):
        assert ast.get_docstring(ast.parse(init.read_text())), f"{init} zegt niet wat er in de kamer staat"


@pytest.mark.parametrize("room", ROOMS)
def test_a_room_imports_only_the_rooms_below_it(room):
    for path in sorted((DATA / room).rglob("*.py")):
        above = _rooms_above(room, path.read_text(), _package(path))
        assert not above, f"{path.relative_to(DATA)} importeert kamer(s) erboven: {above}"


def test_the_data_layer_knows_nothing_above_it():
    for path in sorted(DATA.rglob("*.py")):
        outside = _outside(path.read_text(), _package(path))
        assert not outside, f"{path.relative_to(DATA)} importeert {outside}"


def test_the_checks_catch_an_arrow_up():
    assert _rooms_above("store", "from dashboard.data.intake import ingest", "dashboard.data.store") == {"intake"}
    assert _rooms_above("store", "from ..publish.releases import x", "dashboard.data.store") == {"publish"}
    assert _rooms_above("intake", "from dashboard.data.model import paths", "dashboard.data.intake") == set()
    assert _outside("import streamlit as st", "dashboard.data.model") == {"streamlit"}
    assert _outside("from dashboard import metrics", "dashboard.data.model") == {"dashboard", "dashboard.metrics"}
    assert _outside("from dashboard import cached", "dashboard.data.model") == set()
