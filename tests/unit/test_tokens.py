"""Cheap cache keys: a token belongs to one frame object; everything else is keyed by content."""

import gc
import threading
import time

import pandas as pd

from dashboard.data.tokens import _TOKENS, arg_key, cached_data, frame_key, memoize, register


def test_token_belongs_to_the_object_not_to_frames_derived_from_it():
    frame = register(pd.DataFrame({"x": [1, 2, 3]}), "bron-v1")
    assert frame_key(frame) == "bron-v1"
    assert frame_key(frame[frame["x"] > 1]) != "bron-v1"
    assert frame_key(pd.DataFrame({"x": [1, 2, 3]})) == frame_key(frame.copy())  # same content, same key
    assert frame_key(pd.DataFrame({"x": [1, 2, 4]})) != frame_key(frame.copy())


def test_token_is_forgotten_when_the_frame_is_collected():
    frame = register(pd.DataFrame({"x": [1]}), "tijdelijk")
    key = id(frame)
    del frame
    gc.collect()
    assert key not in _TOKENS


def test_cached_results_follow_the_data_and_carry_a_token():
    calls = []

    @cached_data
    def total(frame: pd.DataFrame, column: str) -> pd.DataFrame:
        calls.append(column)
        return pd.DataFrame({"som": [frame[column].sum()]})

    first = register(pd.DataFrame({"a": [1, 2]}), "data-v1")
    assert total(first, "a")["som"].iloc[0] == 3
    assert total(first, "a")["som"].iloc[0] == 3 and calls == ["a"]  # second call from the cache
    second = register(pd.DataFrame({"a": [5, 5]}), "data-v2")  # a new data version is a new key
    assert total(second, "a")["som"].iloc[0] == 10 and calls == ["a", "a"]
    assert "data-v2" in frame_key(total(second, "a"))


def test_memo_computes_a_value_once_while_others_wait():
    calls = []
    started = threading.Event()

    @memoize()
    def slow(x: int) -> int:
        calls.append(x)
        started.set()
        time.sleep(0.2)
        return x * 2

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow(21))) for _ in range(4)]
    threads[0].start()
    started.wait(5)
    for t in threads[1:]:
        t.start()
    for t in threads:
        t.join(5)
    assert results == [42, 42, 42, 42] and calls == [21]


def test_memo_keeps_at_most_max_entries_and_drops_the_oldest():
    calls = []

    @memoize(max_entries=2)
    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    assert [double(1), double(2), double(3)] == [2, 4, 6]
    assert len(double.entries) == 2
    double(3)
    double(1)  # 1 was dropped: computed again
    assert calls == [1, 2, 3, 1]


def test_formatters_are_keyed_by_definition_and_captured_values():
    def make(digits: int):
        return lambda v: round(v, digits)

    # A page builds new lambdas every rerun, possibly at a reused address: only what they are may count.
    assert arg_key({"value": make(1)}) == arg_key({"value": make(1)})
    assert arg_key({"value": make(1)}) != arg_key({"value": make(2)})
    assert arg_key((1, "a", None)) != arg_key((1, "a", "None"))
    assert arg_key([1.0]) != arg_key([1])
