"""Load (bench/run.py, sections load and server): concurrent sessions changing filters and pages, in Chromium
(Playwright contexts) or as Streamlit's websocket protocol alone; errors, latencies and how the CPU was shared."""

from __future__ import annotations

import asyncio
import random
import time

from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CODES,
    LOAD_PAGES,
    URL_PATHS,
    cpu_seconds,
    machine_busy_seconds,
    percentile,
    protocol_rerun,
    start_server,
    wait_healthy,
)

# --- load: concurrent sessions ----------------------------------------------------------------------------

# A rerun started by a click is done when the app is idle again and the URL carries the new sector (the page
# writes its filters to the URL at the end of the script; the default sector po is left out of the URL).
DONE = """(sector) => (sector === 'po' ? !location.search.includes('sector=')
                                       : location.search.includes('sector=' + sector))
    && document.querySelector("[data-testid='stApp']").getAttribute('data-test-script-state') === 'notRunning'"""


async def session(url: str, seed: int, browser, go: asyncio.Event, ready: list, state: dict) -> None:
    """One user: opens a page (before the clock starts), then changes the sector and now and then moves to
    another page through the sidebar, until the shared deadline."""
    rng = random.Random(seed)
    errors, latencies, navigations = state["errors"], state["latencies"], state["navigations"]
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))

    async def guard(route):
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            await route.continue_()
        else:
            errors.append(f"outside request: {route.request.url}")
            await route.abort()

    async def settled(timeout: float = 120_000) -> None:
        await page.wait_for_selector(".st-key-sector label[data-testid='stRadioOption']", timeout=timeout)
        await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)

    await page.route("**/*", guard)
    target = LOAD_PAGES[seed % len(LOAD_PAGES)]
    try:
        await page.goto(f"{url}/{URL_PATHS[target]}", timeout=300_000)
        await settled(300_000)
    except Exception as err:  # noqa: BLE001
        errors.append(f"page {target} did not open: {type(err).__name__}")
    ready.append(seed)
    await go.wait()
    changes = 0
    try:
        while time.time() < state["deadline"]:
            if changes and changes % 4 == 0:  # move on to another page, as a user would
                target = rng.choice([p for p in LOAD_PAGES if p != target])
                start = time.perf_counter()
                try:
                    await page.locator(f"[data-testid='stSidebarNav'] a[href$='/{URL_PATHS[target]}']").click()
                    await page.wait_for_function(
                        "(path) => location.pathname.endsWith('/' + path)", arg=URL_PATHS[target], timeout=120_000
                    )
                    await settled()
                    navigations.append((time.perf_counter() - start) * 1000)
                except Exception as err:  # noqa: BLE001
                    errors.append(f"navigation to {target} did not finish: {type(err).__name__}")
            options = page.locator(".st-key-sector label[data-testid='stRadioOption']:not([data-selected='true'])")
            count = await options.count()
            if not count:
                errors.append(f"no sector options on {target}")
                break
            option = options.nth(rng.randrange(count))
            sector = CODES[(await option.inner_text()).strip()]
            start = time.perf_counter()
            try:
                await option.click(timeout=60_000)
                await page.wait_for_function(DONE, arg=sector, timeout=120_000, polling=20)
                latencies.append((time.perf_counter() - start) * 1000)
            except Exception as err:  # noqa: BLE001 (a rerun that never finishes is the error we count)
                seen = await page.evaluate(
                    "() => [location.search, document.querySelector(\"[data-testid='stApp']\")"
                    ".getAttribute('data-test-script-state')]"
                )
                errors.append(
                    f"rerun on {target} ({sector}) did not finish: {type(err).__name__}; url {seen[0]!r}, "
                    f"script {seen[1]}"
                )
            changes += 1
            if await page.locator("[data-testid='stException']").count():
                errors.append(f"exception shown on {target}")
    finally:
        await context.close()


async def run_load(sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    proc, url = start_server()
    state: dict = {"errors": [], "latencies": [], "navigations": [], "deadline": 0.0}
    try:
        wait_healthy(url)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            go, ready = asyncio.Event(), []
            tasks = [asyncio.create_task(session(url, i, browser, go, ready, state)) for i in range(sessions)]
            while len(ready) < sessions:  # every session open before the clock starts
                await asyncio.sleep(0.2)
            server_cpu = lambda: cpu_seconds(lambda pid, cmd: pid == proc.pid)  # noqa: E731
            browser_cpu = machine_busy_seconds  # everything else on the machine: the 20 browsers, mostly
            before = (server_cpu(), browser_cpu(), time.perf_counter())
            state["deadline"] = time.time() + seconds
            go.set()
            await asyncio.gather(*tasks)
            wall = time.perf_counter() - before[2]
            server_s = server_cpu() - before[0]
            state["cpu"] = {"server_s": server_s, "browsers_s": browser_cpu() - before[1] - server_s, "wall_s": wall}
            await browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return load_summary(sessions, seconds, state, state.get("cpu", {}))


def load_summary(sessions: int, seconds: float, state: dict, cpu: dict) -> dict:
    lat, nav = state["latencies"], state["navigations"]
    return {
        "sessions": sessions,
        "seconds": seconds,
        "reruns": len(lat),
        "errors": state["errors"],
        "p50_ms": percentile(lat, 0.5),
        "p95_ms": percentile(lat, 0.95),
        "page_loads": len(nav),
        "load_p50_ms": percentile(nav, 0.5),
        "load_p95_ms": percentile(nav, 0.95),
        "cpu": cpu,
    }


# --- load on the server alone: Streamlit's own websocket protocol, no browser ---------------------------


async def protocol_session(ws_url: str, seed: int, go: asyncio.Event, ready: list, state: dict) -> None:
    """A user as the server sees it: the same messages a browser sends, one rerun after another."""
    import websockets

    rng = random.Random(seed)
    page = LOAD_PAGES[seed % len(LOAD_PAGES)]
    session = {"query": "", "radio": None, "sector": None}

    async def rerun(ws) -> float:
        return await protocol_rerun(ws, page, session, state["errors"])

    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
            await rerun(ws)
            ready.append(seed)
            await go.wait()
            changes = 0
            while time.time() < state["deadline"]:
                if changes and changes % 4 == 0:
                    page = rng.choice([p for p in LOAD_PAGES if p != page])
                    state["navigations"].append(await rerun(ws))
                else:
                    options = [o for o in session["radio"].options if o != session["sector"]]
                    session["sector"] = rng.choice(options)
                    state["latencies"].append(await rerun(ws))
                changes += 1
    except Exception as err:  # noqa: BLE001 (a broken connection or a rerun that never ends is the error)
        state["errors"].append(f"session {seed}: {type(err).__name__}: {err}"[:160])
        if seed not in ready:
            ready.append(seed)


async def run_server_load(sessions: int, seconds: float) -> dict:
    proc, url = start_server()
    state: dict = {"errors": [], "latencies": [], "navigations": [], "deadline": 0.0}
    try:
        wait_healthy(url)
        go, ready = asyncio.Event(), []
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        tasks = [asyncio.create_task(protocol_session(ws_url, i, go, ready, state)) for i in range(sessions)]
        while len(ready) < sessions:
            await asyncio.sleep(0.05)
        before = (cpu_seconds(lambda pid, cmd: pid == proc.pid), time.perf_counter())
        state["deadline"] = time.time() + seconds
        go.set()
        await asyncio.gather(*tasks)
        cpu = {
            "server_s": cpu_seconds(lambda pid, cmd: pid == proc.pid) - before[0],
            "wall_s": time.perf_counter() - before[1],
        }
    finally:
        proc.terminate()
        proc.wait(10)
    return load_summary(sessions, seconds, state, cpu)
