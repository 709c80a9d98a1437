"""The warm-up builds every page's default views directly and gives way to visitors."""

import asyncio
import threading
import time

from dashboard import warmup
from dashboard.registry import PAGES


def run(coro) -> None:
    """asyncio.run in its own thread (another test may have left an event loop running in this one); the thread
    must finish, or the coroutine never ended."""
    worker = threading.Thread(target=asyncio.run, args=(coro,))
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "de opwarming eindigde niet"


def test_until_idle_waits_while_visitors_start_scripts_and_gives_up_at_the_limit():
    warmup._last_visit[0] = 0.0
    start = time.monotonic()
    run(warmup.until_idle(quiet_s=0.3, max_wait_s=5))
    quiet = time.monotonic() - start

    def visitor(stop: threading.Event) -> None:
        while not stop.is_set():
            warmup.note_visitor()
            time.sleep(0.05)

    stop = threading.Event()
    threading.Thread(target=visitor, args=(stop,), daemon=True).start()
    start = time.monotonic()
    run(warmup.until_idle(quiet_s=0.3, max_wait_s=1.0))
    busy = time.monotonic() - start
    stop.set()
    assert quiet < 0.3
    assert busy >= 1.0


def test_every_page_warms_without_errors_and_fills_the_cache():
    warmup._last_visit[0] = 0.0
    status = warmup.WarmupStatus()
    run(warmup.warm_up(PAGES, status))
    assert status.done and status.errors == []
    assert set(status.pages) == {p.name for p in PAGES}
    from dashboard import cache

    maps = [k for k in cache.shortage_map.memo.entries if k.startswith("dashboard.cache.shortage_map(")]
    assert len(maps) >= 2  # po and vo maps were built


def test_the_collector_pauses_for_the_first_page_only_and_comes_back_after_an_error():
    import gc

    assert gc.isenabled()
    try:
        with warmup.collector_paused():
            assert not gc.isenabled()
            raise ValueError("kapot")
    except ValueError:
        pass
    assert gc.isenabled()


def test_streamlit_does_not_walk_all_memory_after_every_script_run():
    """Its gc.collect(2) after each run holds the GIL before the 'finished' message: ~100 ms a click here."""
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
