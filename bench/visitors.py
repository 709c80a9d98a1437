"""Protocol visitors for the load measurements (bench/scaleout.py on one host, bench/scaleout_hosts.py over
several): one visitor browses over Streamlit's websocket as a browser would. Shared so neither imports the other."""

from __future__ import annotations

import asyncio
import random
import time
import urllib.request

from bench.common import LOAD_PAGES, protocol_rerun

P95_BUDGET_MS = 1000.0
USER_STEPS = (2, 4, 8, 16, 24, 32)


def sticky_cookie(url: str) -> str:
    """What a browser's first request gets: the replica cookie (empty when talking to a replica directly)."""
    with urllib.request.urlopen(url + "/", timeout=30) as response:
        cookies = [h.split(";")[0] for h in response.headers.get_all("Set-Cookie") or []]
    return "; ".join(cookies)


# --- load ------------------------------------------------------------------------------------------------------
async def user(url: str, seed: int, state: dict, pause_s: float = 0.0) -> None:
    """One protocol user: opens a page, then changes sector (and every fourth action the page), as fast as the
    server answers (`pause_s` 0) or on a schedule of one action every `pause_s` seconds."""
    import websockets

    rng = random.Random(seed)
    page = LOAD_PAGES[seed % len(LOAD_PAGES)]
    session = {"query": "", "radio": None, "sector": None}
    cookie = await asyncio.to_thread(sticky_cookie, url)
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, additional_headers={"Cookie": cookie} if cookie else {}
        ) as ws:
            await protocol_rerun(ws, page, session, state["errors"])
            state["ready"] += 1
            await state["go"].wait()
            await asyncio.sleep(rng.uniform(0, pause_s))  # spread a fixed-rate schedule's starts
            n, next_at = 0, time.perf_counter()
            while time.time() < state["deadline"]:
                if n and n % 4 == 0:
                    page = rng.choice([p for p in LOAD_PAGES if p != page])
                elif session["radio"] is not None:
                    session["sector"] = rng.choice([o for o in session["radio"].options if o != session["sector"]])
                state["latencies"].append(await protocol_rerun(ws, page, session, state["errors"]))
                n += 1
                if pause_s:
                    next_at += pause_s
                    await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
    except Exception as err:  # noqa: BLE001 (a broken session is an error of the run, reported)
        state["errors"].append(f"user {seed}: {type(err).__name__}: {err}"[:160])
        state["ready"] += 1
