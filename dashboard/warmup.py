"""Warm the caches when the server starts, so the first visitor does not pay for them.

The first run of a page costs ~2 s on the reference machine: importing pandas/plotly/geopandas, reading the
Parquet files and boundaries, building the figures. `serve.py` starts the app as an `st.App` whose lifespan hook
calls `start()`: each page's default views are then built by calling the cached computations directly
(`warm()` of the page's views module in dashboard.registry.PAGES): the overview at once, the other pages each when
no visitor's script has started for a few seconds, so the warm-up never takes the CPU from someone who is already
here. A visitor who arrives meanwhile waits for the entry being built instead of building it a second time
(dashboard.memo computes each entry once).

After each page everything alive is moved out of the cyclic garbage collector's sight (gc.freeze): a full
collection walked the boundaries and default figures in ~100 ms (Streamlit's own one after every script run is off:
.streamlit/config.toml, runner.postScriptGC). Frozen objects are still freed by reference counting when a cache
evicts them; what is cached later stays collectable.

This module must stay light to import: it is imported before the server answers its first request.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import inspect
import logging
import pkgutil
import time
from dataclasses import dataclass, field

from dashboard.registry import PAGES, PageSpec

IDLE_S = 6.0  # a first visitor's browser is still loading plotly.js and drawing for ~5 s after the script starts
MAX_IDLE_WAIT_S = 60.0

log = logging.getLogger(__name__)
_last_visit = [0.0]  # monotonic time a visitor's script last started


@dataclass
class WarmupStatus:
    """What the warm-up did; served as JSON on /warmup for monitoring and the tests."""

    started: float = field(default_factory=time.monotonic)
    pages: dict[str, float] = field(default_factory=dict)  # page name -> seconds its views took
    errors: list[str] = field(default_factory=list)
    done: bool = False
    seconds: float | None = None

    def as_json(self) -> dict:
        # ready: this replica may get visitors (a balancer's readiness check; deploy/readiness.py reads it)
        return {
            "ready": self.done,
            "done": self.done,
            "seconds": self.seconds,
            "pages": self.pages,
            "errors": self.errors,
        }


STATUS = WarmupStatus()


def note_visitor() -> None:
    """Called at the start of every script run (app.py)."""
    _last_visit[0] = time.monotonic()


def warm_page(page: PageSpec) -> None:
    importlib.import_module(page.views).warm()


# What a process's first script run pays once besides the views (cProfile of the first visit after the warm-up:
# ~0,25 s of its ~0,35 s): the page scripts import the sections and widgets; the favicon (st.set_page_config) loads
# PIL; Streamlit's check for a REPL on the first element walks the stack with inspect, which looks up the file of
# every loaded module once and caches it.
SCRIPT_PACKAGES = ("dashboard.ui", "dashboard.sections")
SCRIPT_MODULES = ("PIL.Image",)


def prepare_first_script() -> None:
    for package in SCRIPT_PACKAGES:
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{module.name}")
    for name in SCRIPT_MODULES:
        importlib.import_module(name)
    inspect.stack()  # last: inspect's module cache then knows every module imported above


async def until_idle(quiet_s: float = IDLE_S, max_wait_s: float = MAX_IDLE_WAIT_S) -> None:
    """Wait until no visitor's script has started for `quiet_s` (at most `max_wait_s`)."""
    deadline = time.monotonic() + max_wait_s
    while time.monotonic() < deadline and time.monotonic() - _last_visit[0] < quiet_s:
        await asyncio.sleep(0.25)


def freeze_what_lives() -> None:
    """What is alive now (modules, boundaries, the warmed views) out of the collector's sight: each full collection
    walked it again (~100 ms with the pages warm, measured). After each page, not only at the end: a busy server may
    take minutes to finish the warm-up. No collection first (it would hold the GIL ~100 ms while a first visitor may
    be running); the little cyclic garbage of the imports stays, once."""
    gc.freeze()


@contextlib.contextmanager
def collector_paused():
    """No cyclic garbage collection while the first page warms: importing pandas/plotly and building the first frames
    and figures create many objects, and the collector walking them cost ~0,2 s of a ~1 s start (measured). Most of
    them live on and are frozen right after (freeze_what_lives)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def warm_up(pages: tuple[PageSpec, ...] = PAGES, status: WarmupStatus = STATUS) -> None:
    """Warm each page, one after the other (in parallel they would only compete for the cores); after the first,
    only when no visitor is busy. The work runs in a thread so the server keeps answering."""
    for i, page in enumerate(pages):
        if i:
            await until_idle()
        start = time.monotonic()
        try:
            if i:
                await asyncio.to_thread(warm_page, page)
            else:  # the page a first visitor most likely opens, and what their first script pays once
                with collector_paused():
                    await asyncio.to_thread(warm_page, page)
                    await asyncio.to_thread(prepare_first_script)
        except Exception as err:  # noqa: BLE001 (a failed warm-up must never stop the server)
            status.errors.append(f"{page.name}: {type(err).__name__}: {err}")
        status.pages[page.name] = round(time.monotonic() - start, 3)
        freeze_what_lives()
    status.seconds = round(time.monotonic() - status.started, 3)
    status.done = True
    if status.errors:
        log.warning("Warm-up gaf fouten: %s", status.errors)


def start() -> asyncio.Task:
    """Start the warm-up in the background on the server's event loop."""
    STATUS.started = time.monotonic()
    return asyncio.get_running_loop().create_task(warm_up())
