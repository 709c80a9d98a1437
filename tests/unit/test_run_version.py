"""A page run looks at the data files once (cache.begin_run); other threads and the next run look again."""

from __future__ import annotations

import contextvars
import threading

from dashboard import cache


def counting(monkeypatch) -> list[int]:
    """Replace the file lookup by one that counts its calls and returns a new version each time."""
    calls: list[int] = []

    def files_version() -> tuple[tuple[str, int], ...]:
        calls.append(1)
        return (("indicators.parquet", len(calls)),)

    monkeypatch.setattr(cache, "files_version", files_version)
    return calls


def test_a_run_looks_at_the_files_once_and_the_next_run_again(monkeypatch):
    calls = counting(monkeypatch)

    def two_runs() -> tuple:
        cache.begin_run()
        first = {cache.data_version() for _ in range(8)}
        cache.begin_run()
        return first, cache.data_version()

    first, second = contextvars.copy_context().run(two_runs)
    assert first == {(("indicators.parquet", 1),)}  # 8 asks, 1 look
    assert second == (("indicators.parquet", 2),)  # the next run sees a changed file
    assert len(calls) == 2


def test_outside_a_run_every_ask_looks_at_the_files(monkeypatch):
    calls = counting(monkeypatch)
    seen: list[tuple] = []

    def run_then_other_thread() -> None:
        cache.begin_run()
        other = threading.Thread(target=lambda: seen.extend(cache.data_version() for _ in range(3)))
        other.start()
        other.join()

    contextvars.copy_context().run(run_then_other_thread)
    assert len(calls) == 4  # the run's one look, then three in the thread that is not a page run
    assert len(set(seen)) == 3
