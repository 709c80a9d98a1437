"""At most one heavy parse (an uploaded CSV or xlsx) at a time in this server process.

A parse of a file near the limits holds a few hundred MB for seconds; several at once would exhaust a small
server. Callers take the single slot; whoever finds it taken waits inside `waiting()` (the page passes a spinner
with BUSY_MESSAGE) and gives up with a Dutch message after `timeout` seconds.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

BUSY_MESSAGE = "Een ander bestand wordt verwerkt; even wachten…"
WAIT_SECONDS = 120.0
_SLOT = threading.BoundedSemaphore(1)  # module level: one per server process, shared by every session


class ParseBusy(RuntimeError):
    """The slot stayed taken for the whole wait; the message is Dutch."""


@contextlib.contextmanager
def parse_slot(
    waiting: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
    timeout: float = WAIT_SECONDS,
) -> Iterator[None]:
    """Hold the server's one parse slot for the `with` body; wait inside `waiting()` only when it is taken."""
    if not _SLOT.acquire(blocking=False):
        with waiting():
            if not _SLOT.acquire(timeout=timeout):
                raise ParseBusy(
                    f"De server verwerkt al {timeout:.0f} seconden een ander bestand; probeer het over een minuut "
                    "opnieuw."
                )
    try:
        yield
    finally:
        _SLOT.release()
