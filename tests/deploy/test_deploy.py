"""The deployment behind nginx (deploy/): what an operator and many visitors at once rely on. Order matters at the
end of the module: the failover test kills a replica, the last test takes every replica down."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.registry import PAGES
from deploy.configure import COOKIE
from tests.e2e.conftest import wait_for_app
from tests.streamlit_protocol import Visitor, fetch, run

REPO = Path(__file__).resolve().parents[2]
SESSIONS = 30


def first_visit(url: str, cookie: str = "") -> dict[str, str]:
    """GET the start page and the health check as a new browser does: the cookies it is given (the replica's from
    the page, Streamlit's XSRF token from the health check), and which replica answered (`_replica`)."""
    cookies: dict[str, str] = {}
    for path in ("/", "/_stcore/health"):
        sent = "; ".join(filter(None, [cookie, cookie_header(cookies)]))
        request = urllib.request.Request(url + path, headers={"Cookie": sent} if sent else {})
        with urllib.request.urlopen(request, timeout=30) as response:
            jar = SimpleCookie()
            for header in response.headers.get_all("Set-Cookie") or []:
                jar.load(header)
            cookies |= {name: morsel.value for name, morsel in jar.items()}
            cookies.setdefault("_replica", response.headers["X-Dashboard-Replica"])
    return cookies


def until(check, timeout: float = 20):
    """The first truthy answer of `check`, polled: nginx writes its log and reloads on its own time."""
    deadline = time.time() + timeout
    while not (answer := check()):
        assert time.time() < deadline, "niet binnen de tijd"
        time.sleep(0.2)
    return answer


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items() if not k.startswith("_replica"))


def own_figures_csv() -> bytes:
    """An own-data file in the data contract's format (test data: published rows re-dated, own source)."""
    example = (REPO / "data" / "voorbeeld" / "eigen_cijfers.csv").read_text(encoding="utf-8").splitlines()
    return ("\n".join(example[:4]) + "\n").encode("utf-8")


# --- every page through the proxy ----------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_every_page_draws_in_chromium_through_the_proxy(deployment, page, spec):
    page.goto(f"{deployment.url}/{spec.url_path}?sector=vo")
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").first.inner_text()
    expect(page.locator(".js-plotly-plot, [data-testid='stMetric'], [data-testid='stDataFrame']").first).to_be_visible(
        timeout=30_000
    )  # waited for: a chart may draw after the page reports done on a busy machine
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get(COOKIE) in ("r1", "r2")


# --- many sessions from one address ------------------------------------------------------------------------------
async def _one_session(url: str, results: list[dict]) -> None:
    cookies = await asyncio.to_thread(first_visit, url)
    header = cookie_header(cookies)
    outcome = {"replica": cookies[COOKIE], "downloads": [], "upload": None, "errors": []}
    async with Visitor(url, cookie=header) as visitor:
        page = await visitor.open("regionale-tekorten", "sector=vo&regio=AM01")
        outcome["errors"] += page.exceptions
        for offer in page.offers:
            status, headers, body = await asyncio.to_thread(fetch, visitor.absolute(offer.url), header)
            outcome["downloads"].append((offer.url.split("?")[0], status, body[:4]))
        data = await visitor.open("data")
        status, state = await asyncio.to_thread(
            visitor.upload,
            data.uploaders["eigen_upload"],
            "eigen.csv",
            own_figures_csv(),
            cookies["_streamlit_xsrf"],
            header,
        )
        after = await visitor.open("data", widgets=[state])
        outcome["upload"] = status
        outcome["errors"] += after.exceptions
        outcome["upload_seen"] = any("eigen cijfers" in text for text in after.texts)
    results.append(outcome)


def test_thirty_sessions_from_one_address_spread_and_download_and_upload(deployment):
    async def all_sessions() -> list[dict]:
        results: list[dict] = []
        limit = asyncio.Semaphore(10)

        async def bounded() -> None:
            async with limit:
                await _one_session(deployment.url, results)

        await asyncio.gather(*(bounded() for _ in range(SESSIONS)))
        return results

    results = run(all_sessions())
    assert len(results) == SESSIONS
    spread = Counter(r["replica"] for r in results)
    assert len(spread) >= 2, spread  # one client address, yet more than one replica
    for r in results:
        assert r["errors"] == [], r
        names = [name for name, _, _ in r["downloads"]]
        assert "/download/tekort_vo_per_regio.csv" in names and "/download/regioprofiel_AM01.pdf" in names
        assert all(status == 200 for _, status, _ in r["downloads"]), r["downloads"]
        assert any(head == b"%PDF" for _, _, head in r["downloads"])
        assert r["upload"] == 204 and r["upload_seen"], r


# --- the proxy's own duties ------------------------------------------------------------------------------------------
def test_repeated_api_request_is_served_from_the_proxy_cache(deployment):
    url = f"{deployment.url}/api/v1/indicators?sector=po&indicator=tekort_pct&format=json"
    first, second = fetch(url), fetch(url)
    assert first[0] == second[0] == 200
    assert first[1]["x-cache-status"] == "MISS" and second[1]["x-cache-status"] == "HIT"
    assert second[2] == first[2] and second[1]["etag"] == first[1]["etag"]


def test_download_links_are_cached_by_the_proxy_too(deployment):
    async def link() -> str:
        async with Visitor(deployment.url) as visitor:
            offers = (await visitor.open("regionale-tekorten", "sector=po")).offers
            return next(o.url for o in offers if o.url.startswith("/download/"))

    url = deployment.url + run(link())
    assert re.search(r"/download/tekort_po_per_regio\.csv\?r=", url)
    first, second = fetch(url), fetch(url)
    assert first[0] == second[0] == 200 and first[2] == second[2]
    assert second[1]["x-cache-status"] == "HIT"


def test_api_rate_limit_answers_429_in_dutch_json(deployment):
    async def burst() -> list[tuple[int, dict, bytes]]:
        return await asyncio.gather(*(asyncio.to_thread(fetch, f"{deployment.url}/api/v1/regions") for _ in range(120)))

    answers = run(burst())
    refused = [a for a in answers if a[0] == 429]
    assert refused and any(a[0] == 200 for a in answers)
    status, headers, body = refused[0]
    assert headers["content-type"].startswith("application/json")
    assert json.loads(body)["fout"].startswith("Te veel verzoeken")
    assert "content-security-policy" in headers and headers["retry-after"] == "1"


def test_security_headers_and_replica_header_through_the_proxy(deployment):
    status, headers, _ = fetch(f"{deployment.url}/onderwijsregios")
    assert status == 200
    assert headers["x-frame-options"] == "SAMEORIGIN" and "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["x-dashboard-replica"] in ("r1", "r2")
    warm = json.loads(fetch(f"{deployment.url}/warmup")[2])
    assert warm["ready"] is True and warm["replica"] in ("r1", "r2") and warm["pid"] > 0


def test_access_log_names_upstream_and_times(deployment):
    tag = f"logtest{time.time_ns()}"
    fetch(f"{deployment.url}/_stcore/health?{tag}")
    line = until(
        lambda: next((x for x in (deployment.run / "logs" / "access.log").read_text().splitlines() if tag in x), None)
    )
    assert "upstream=127.0.0.1:" in line and "replica=r" in line
    assert re.search(r"request_time=\d", line) and re.search(r"upstream_time=\d", line)


# --- one data folder -----------------------------------------------------------------------------------------------
def test_an_import_on_the_host_is_seen_by_every_replica_without_restart(deployment, tmp_path):
    rows = own_figures_csv().decode("utf-8").replace("2023-10-01", "2031-10-01").replace(";2023;", ";2031;")
    path = tmp_path / "meting_2031.csv"
    path.write_text(rows, encoding="utf-8")
    query = "/api/v1/indicators?peildatum=2031-10-01&format=json"
    assert fetch(deployment.replica_url("r1") + query)[0] == 400  # not there yet
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "LERARENTEKORT_EIGEN_DIR": str(deployment.eigen_dir)},
    )
    assert result.returncode == 0, result.stderr
    pids = {name: deployment.pid(name) for name in ("r1", "r2")}
    for where in (deployment.replica_url("r1"), deployment.replica_url("r2"), deployment.url):
        status, _, body = fetch(where + query)
        assert status == 200 and json.loads(body)["aantal"] == 3, where
    assert pids == {name: deployment.pid(name) for name in ("r1", "r2")}  # no restart


# --- failover ------------------------------------------------------------------------------------------------------
async def _browse_until(url: str, cookie: str, stop: asyncio.Event, log: dict) -> None:
    async with Visitor(url, cookie=cookie) as visitor:
        while not stop.is_set():
            page = await visitor.open("regionale-tekorten", "sector=vo")
            log["runs"] += 1
            log["errors"] += page.exceptions


def test_kill_9_of_a_replica_under_load(deployment, page):
    deployment.wait_ready()
    # A browser visitor on r1, with a view in its URL.
    page.context.add_cookies([{"name": COOKIE, "value": "r1", "url": deployment.url}])
    view = f"{deployment.url}/regionale-tekorten?sector=vo&regio=AM05"
    page.goto(view)
    wait_for_app(page)
    region = page.locator(".st-key-regio").inner_text()

    async def scenario() -> dict:
        stop, on_r2 = asyncio.Event(), {"runs": 0, "errors": []}
        others = [asyncio.create_task(_browse_until(deployment.url, f"{COOKIE}=r2", stop, on_r2)) for _ in range(3)]
        await asyncio.sleep(2)
        runs_before = on_r2["runs"]
        os.kill(deployment.pid("r1"), signal.SIGKILL)
        await asyncio.sleep(4)
        stop.set()
        await asyncio.gather(*others)
        return on_r2 | {"runs_before": runs_before}

    old_pid = deployment.pid("r1")
    on_r2 = run(scenario())
    assert on_r2["errors"] == [] and on_r2["runs"] > on_r2["runs_before"]  # r2's sessions carried on
    page.reload()  # the visitor of the dead replica reloads: the same view, from its URL, on a live replica
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator(".st-key-regio").inner_text() == region
    assert "regio=AM05" in page.url
    deployment.wait_ready(("r1",))  # supervisord restarted it; readiness let it back in once warm
    assert deployment.pid("r1") != old_pid
    until(lambda: first_visit(deployment.url, f"{COOKIE}=r1")["_replica"] == "r1")  # once nginx has reloaded
    assert {first_visit(deployment.url, f"{COOKIE}=r1")["_replica"] for _ in range(3)} == {"r1"}


# --- last: nothing up ------------------------------------------------------------------------------------------------
def test_dutch_page_when_no_replica_is_up(deployment):
    deployment.ctl("stop", "r1", "r2")
    deadline = time.time() + 20
    while any(deployment.ready().values()) and time.time() < deadline:
        time.sleep(0.3)
    status, headers, body = fetch(f"{deployment.url}/regionale-tekorten?sector=vo")
    text = body.decode("utf-8")
    assert status == 503 and 'lang="nl"' in text and "even niet bereikbaar" in text
    assert "nginx" not in text.lower() and "content-security-policy" in headers
    api = fetch(f"{deployment.url}/api/v1/sources")
    assert api[0] == 503 and json.loads(api[2])["fout"].startswith("Het dashboard is even niet bereikbaar")
    deployment.ctl("start", "r1", "r2")
    deployment.wait_ready()
    until(lambda: fetch(f"{deployment.url}/warmup")[0] == 200)
