"""Warm the caches when the server starts, so the first visitor does not pay for them.

The first run of a page costs ~2 s on the reference machine: importing pandas/plotly/geopandas, reading the
Parquet files and boundaries, building the figures. Without a warm-up the first visitor waits for all of it.
`serve.py` starts the app as an `st.App` whose lifespan hook calls `start(runtime)`: every page then runs once
in a headless session inside the server's own runtime (the real page scripts with their default filters, so
the cache entries are exactly those a first visit asks for): the overview at once, the other pages each
when no visitor's script has run for a few seconds, so the warm-up never takes the CPU from someone who is
already here. A visitor who arrives during the warm-up waits for the entry being built
instead of building it a second time (the memo in dashboard.data.tokens locks each entry while computed).

This module must stay light to import: it is imported before the server answers its first request.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime import Runtime

# url_path of each page, the overview ("") first: that is where most visits start.
PAGES: tuple[str, ...] = ("", "onderwijsregios", "opleiden", "bevoegdheden", "onderwijstijd", "behoud", "data")
PAGE_TIMEOUT_S = 120
IDLE_S = 3.0  # a visitor's browser is still drawing for a few seconds after the script ends
MAX_IDLE_WAIT_S = 60.0

log = logging.getLogger(__name__)


@dataclass
class WarmupStatus:
    """What the warm-up did; served as JSON on /warmup for monitoring and the tests."""

    started: float = field(default_factory=time.monotonic)
    pages: dict[str, float] = field(default_factory=dict)  # url_path -> seconds the first run took
    errors: list[str] = field(default_factory=list)
    done: bool = False
    seconds: float | None = None

    def as_json(self) -> dict:
        return {"done": self.done, "seconds": self.seconds, "pages": self.pages, "errors": self.errors}


STATUS = WarmupStatus()


class _HeadlessClient:
    """A SessionClient that drops what the page sends, noting only errors and the end of each run."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.finished = asyncio.Event()
        self.errors: list[str] = []

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            if msg.delta.new_element.WhichOneof("type") == "exception":
                self.errors.append(msg.delta.new_element.exception.message[:200])
        elif kind == "script_finished":
            # 0 = finished successfully, 2 = rerun requested (e.g. a page writing its filters to the URL)
            if msg.script_finished not in (0, 2):
                self.errors.append(f"script ended with status {msg.script_finished}")
            self._loop.call_soon_threadsafe(self.finished.set)

    @property
    def client_context(self) -> None:
        return None


async def run_page(runtime: Runtime, url_path: str) -> list[str]:
    """Run one page once in a fresh headless session; returns the errors it showed."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    client = _HeadlessClient(asyncio.get_running_loop())
    session_id = runtime.connect_session(client=client, user_info={})
    try:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = url_path
        runtime.handle_backmsg(session_id, msg)
        await asyncio.wait_for(client.finished.wait(), timeout=PAGE_TIMEOUT_S)
    except TimeoutError:
        client.errors.append(f"no end of script within {PAGE_TIMEOUT_S} s")
    finally:
        runtime.close_session(session_id)
    return client.errors


def visitors_running(runtime: Runtime) -> bool:
    """Whether a visitor's script is running now (reads Streamlit internals; if they change, says False)."""
    try:
        return any(
            info.session._state.name == "APP_IS_RUNNING" for info in runtime._session_mgr.list_active_sessions()
        )
    except AttributeError:
        return False


async def until_idle(runtime: Runtime, quiet_s: float = IDLE_S, max_wait_s: float = MAX_IDLE_WAIT_S) -> None:
    """Wait until no visitor's script has run for `quiet_s` (at most `max_wait_s`): the warm-up should not take
    the CPU from someone who is already here."""
    deadline = time.monotonic() + max_wait_s
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if visitors_running(runtime):
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_s:
            return
        await asyncio.sleep(0.25)


async def warm_up(runtime: Runtime, pages: tuple[str, ...] = PAGES, status: WarmupStatus = STATUS) -> None:
    """Run each page once, one after the other (in parallel they would only compete for the two cores); after
    the first, only when no visitor's script is running."""
    for i, url_path in enumerate(pages):
        if i:
            await until_idle(runtime)
        start = time.monotonic()
        try:
            errors = await run_page(runtime, url_path)
        except Exception as err:  # noqa: BLE001 (a failed warm-up must never stop the server)
            errors = [f"{type(err).__name__}: {err}"]
        status.pages[url_path or "overzicht"] = round(time.monotonic() - start, 3)
        status.errors += [f"{url_path or 'overzicht'}: {e}" for e in errors]
    status.seconds = round(time.monotonic() - status.started, 3)
    status.done = True
    if status.errors:
        log.warning("Warm-up gaf fouten: %s", status.errors)


def start(runtime: Runtime) -> asyncio.Task:
    """Start the warm-up in the background on the server's event loop; the server keeps answering meanwhile."""
    STATUS.started = time.monotonic()
    return asyncio.get_running_loop().create_task(warm_up(runtime))
