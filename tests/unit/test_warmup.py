"""The warm-up gives way to visitors: after the first page it waits until no visitor's script runs."""

import asyncio
import threading
import time
from types import SimpleNamespace

from dashboard.warmup import until_idle, visitors_running


def fake_runtime(states: list[str]) -> SimpleNamespace:
    sessions = [SimpleNamespace(session=SimpleNamespace(_state=SimpleNamespace(name=s))) for s in states]
    return SimpleNamespace(_session_mgr=SimpleNamespace(list_active_sessions=lambda: sessions))


def run(coro) -> None:
    """asyncio.run in its own thread: another test may have left an event loop running in this one."""
    worker = threading.Thread(target=asyncio.run, args=(coro,))
    worker.start()
    worker.join(10)


def test_a_running_visitor_script_is_seen():
    assert visitors_running(fake_runtime(["APP_NOT_RUNNING", "APP_IS_RUNNING"]))
    assert not visitors_running(fake_runtime(["APP_NOT_RUNNING"]))
    assert not visitors_running(SimpleNamespace())  # Streamlit internals changed: never block the warm-up


def test_until_idle_waits_while_a_visitor_runs_and_gives_up_at_the_limit():
    start = time.monotonic()
    run(until_idle(fake_runtime([]), quiet_s=0.3, max_wait_s=5))
    quiet = time.monotonic() - start
    start = time.monotonic()
    run(until_idle(fake_runtime(["APP_IS_RUNNING"]), quiet_s=0.3, max_wait_s=1.0))
    busy = time.monotonic() - start
    assert 0.3 <= quiet < 1.0
    assert busy >= 1.0
