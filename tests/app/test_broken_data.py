"""Pages keep working when data on disk is broken. The own data in use cut off, HUIDIG empty or naming nothing,
info.json not JSON: every page renders from the newest generation that can be read, with a calm notice at the
top, and no exception. The built dataset cut off: every page shows a Dutch error instead, never an exception or a
path of the server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import open_page
from streamlit.testing.v1 import AppTest

from dashboard import health
from dashboard.data.intake.ingest import import_files
from dashboard.data.model.paths import DATA_DIR, REPO_DIR
from dashboard.data.store import generations, load
from dashboard.registry import PAGES

EXAMPLE = REPO_DIR / "data" / "voorbeeld" / "eigen_cijfers.csv"
NOTICE = "Geïmporteerde data kon niet worden gelezen; u ziet de stand van"


@pytest.fixture
def eigen(tmp_path: Path, monkeypatch, tables) -> Path:
    """Generation 2: the example import; generation 3 (in use): a second import on top of it."""
    folder = tmp_path / "eigen"
    import_files([EXAMPLE], tables["sources"], tables["regions"], folder)
    second = tmp_path / "tweede.csv"
    second.write_text(EXAMPLE.read_text(encoding="utf-8").replace("VOORBEELD_OCW_PO_2023", "TWEEDE"), "utf-8")
    import_files([second], tables["sources"], tables["regions"], folder)
    assert generations.current(folder).number == 3
    monkeypatch.setattr(load, "EIGEN_DIR", folder)
    return folder


def cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def shown(at: AppTest) -> str:
    """Everything a visitor reads on the page."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error", "title", "header", "subheader")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def assert_no_server_path(at: AppTest, *folders: Path) -> None:
    text = shown(at)
    for folder in (*folders, REPO_DIR):
        assert str(folder) not in text
    assert "Traceback" not in text and "ArrowInvalid" not in text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_renders_from_the_previous_generation_with_a_notice(page, eigen: Path, tmp_path: Path):
    cut(eigen / "generaties" / "000003" / "indicators.parquet")
    at = open_page(Path(page.script).stem)  # asserts: no exception
    notices = [i.value.replace("\\", "") for i in at.main.info if NOTICE in i.value]
    assert len(notices) == 1 and "generatie 2 (ingest eigen_cijfers.csv" in notices[0], notices
    assert_no_server_path(at, tmp_path)


@pytest.mark.parametrize(
    ("damage", "serving"),
    [
        (lambda e: (e / "HUIDIG").write_text(""), "generatie 3 (ingest tweede.csv"),
        (lambda e: (e / "HUIDIG").write_text("000042\n"), "generatie 3 (ingest tweede.csv"),
        (lambda e: (e / "generaties" / "000003" / "info.json").write_text("geen json"), "generatie 2 ("),
    ],
    ids=["HUIDIG leeg", "HUIDIG wijst nergens", "info.json geen JSON"],
)
def test_a_broken_pointer_or_info_is_passed_by_with_the_notice(damage, serving: str, eigen: Path, tmp_path: Path):
    damage(eigen)
    at = open_page("regionale_tekorten")
    notices = [i.value.replace("\\", "") for i in at.main.info if NOTICE in i.value]
    assert len(notices) == 1 and serving in notices[0], notices
    assert_no_server_path(at, tmp_path)


def test_no_notice_while_the_own_data_is_whole(eigen: Path):
    at = open_page("overzicht")
    assert not [i for i in at.main.info if NOTICE in i.value]


@pytest.mark.parametrize("page", ["overzicht", "data"])
def test_a_broken_built_dataset_gives_a_dutch_error_page(page: str, tmp_path: Path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("eigen", "raw", ".*"))
    cut(data / "indicators.parquet")
    monkeypatch.setattr(health, "DATA_DIR", data)
    at = open_page(page)  # asserts: no exception
    assert [e.value for e in at.error] == [health.BROKEN_PAGE]
    assert not at.get("plotly_chart") and not at.title  # the page itself did not run
    assert_no_server_path(at, tmp_path)
