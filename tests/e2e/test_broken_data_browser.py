"""A corrupt generation of imported data in a real browser: the server starts, says in its log which file is
broken and why, reports it in GET /warmup, and every page draws with the calm notice and without an exception."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest
from conftest import REPO, screenshot, start_server, wait_for_app
from playwright.sync_api import expect

from dashboard.data.intake.ingest import import_files
from dashboard.data.store import generations
from dashboard.registry import PAGES

EXAMPLE = REPO / "data" / "voorbeeld" / "eigen_cijfers.csv"
NOTICE = "Geïmporteerde data kon niet worden gelezen; u ziet de stand van generatie 2"


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory, tables):
    """A server whose own data in use (generation 3) has its indicators.parquet cut in half."""
    folder = tmp_path_factory.mktemp("kapot")
    eigen = folder / "eigen"
    import_files([EXAMPLE], tables["sources"], tables["regions"], eigen)
    second = folder / "tweede.csv"
    second.write_text(EXAMPLE.read_text(encoding="utf-8").replace("VOORBEELD_OCW_PO_2023", "TWEEDE"), "utf-8")
    import_files([second], tables["sources"], tables["regions"], eigen)
    table = eigen / generations.GENERATIONS / "000003" / "indicators.parquet"
    table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])

    log = folder / "server.log"
    with open(log, "wb") as out:
        proc, url = start_server(eigen, log=out)
    try:
        yield url, log, folder
    finally:
        proc.terminate()
        proc.wait(10)


def test_warmup_reports_the_broken_file_and_the_server_log_names_it(broken_server):
    url, log, folder = broken_server
    deadline = time.time() + 120
    while True:  # 503 until warm; then 200: the replica can serve, the pages read generation 2
        try:
            with urllib.request.urlopen(f"{url}/warmup", timeout=10) as answer:
                body = json.loads(answer.read())
                break
        except urllib.error.HTTPError as err:
            assert err.code == 503 and time.time() < deadline
            time.sleep(0.5)
    assert body["ready"] is True
    assert {"done", "seconds", "pages", "errors"} <= set(body)  # the keys monitoring already reads
    assert body["controle"]["ok"] is False and body["controle"]["serveerbaar"] is True
    assert any("indicators.parquet: afgekapt" in p for p in body["controle"]["problemen"])
    assert not any(str(folder) in p for p in body["controle"]["problemen"])  # no server folders over HTTP
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "000003/indicators.parquet: afgekapt" in text


@pytest.mark.parametrize("path", [p.url_path for p in PAGES])
def test_every_page_draws_with_the_notice_and_no_exception(broken_server, page, path):
    url, _, folder = broken_server
    page.goto(f"{url}/{path}")
    wait_for_app(page)
    expect(page.get_by_text(NOTICE)).to_have_count(1, timeout=20_000)  # drawn with the page, maybe a moment later
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and str(folder) not in body and "ArrowInvalid" not in body
    screenshot(page, f"kapotte-generatie-{path or 'overzicht'}")
