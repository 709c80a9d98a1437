"""The cache mechanism: cheap keys (a token belongs to one frame object), a memo bounded by entries and bytes,
computed once, nothing left behind by a call that raised, shared results protected against mutation."""

import gc
import threading
import time
import tracemalloc

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import cache
from dashboard.memo import _TOKENS, Memo, arg_key, frame_key, freeze_figure, register, size_of


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

    @cache._family(16, 10**9, cache._share_frames)
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

    def slow(x: int) -> int:
        calls.append(x)
        started.set()
        time.sleep(0.2)
        return x * 2

    slow = Memo(slow, 16, 10**9)
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

    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    double = Memo(double, 2, 10**9)

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


def test_memo_keeps_within_its_byte_budget_oldest_out_first():
    big = Memo(lambda n: b"x" * n, 100, 2_900)  # an entry counts its value, key and ~200 bytes of bookkeeping
    for n in (1_000, 1_000, 1_001, 1_002):
        big(n)
    assert big.bytes <= 2_900 and len(big.entries) == 2
    assert list(big.entries) == [repr(1_001), repr(1_002)]


def test_a_small_cached_frame_counts_what_it_really_holds():
    # memory_usage alone said 0,26 KB for a frame that holds ~6 KB: the metrics cache then held ~20x its budget.
    source = pd.DataFrame({"a": range(10), "b": ["x"] * 10, "c": [0.5] * 10})
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    frames = [source.iloc[i % 5 : i % 5 + 5].copy() for i in range(500)]
    held = sum(d.size_diff for d in tracemalloc.take_snapshot().compare_to(before, "filename")) / len(frames)
    tracemalloc.stop()
    assert 0.7 * held <= size_of(frames[0]) <= 3 * held


def test_a_call_that_raised_leaves_nothing_registered_and_can_be_retried():
    attempts = []

    def flaky(x: int) -> int:
        attempts.append(x)
        if len(attempts) == 1:
            raise RuntimeError("eerste keer mis")
        return x

    memo = Memo(flaky, 16, 10**9)
    with pytest.raises(RuntimeError):
        memo(1)
    assert not memo.entries and not memo._computing
    assert memo(1) == 1 and attempts == [1, 1]


def test_a_shared_cached_frame_cannot_be_changed_by_a_caller():
    @cache._family(16, 10**9, cache._share_frames)
    def numbers() -> pd.DataFrame:
        return pd.DataFrame({"value": [1.0, 2.0]})

    first = numbers()
    first.loc[0, "value"] = 99.0  # a caller writing into its result
    first["extra"] = 1
    again = numbers()
    assert list(again["value"]) == [1.0, 2.0] and "extra" not in again


def test_a_shared_cached_figure_refuses_mutation():
    figure = freeze_figure(go.Figure(go.Bar(x=[1], y=[2])))
    with pytest.raises(TypeError):
        figure.update_layout(title="anders")
    with pytest.raises(TypeError):
        figure.add_trace(go.Bar(x=[2], y=[3]))
    assert figure.to_dict()["data"][0]["y"] == (2,) or list(figure.to_dict()["data"][0]["y"]) == [2]


def test_all_caches_together_stay_within_the_stated_ceiling():
    memos = cache.all_memos()
    assert all(m.max_entries <= 4096 for m in memos)
    # A memo per function would multiply the budget by the number of functions (it did: 65 memos, 4,2 GB).
    assert sum(m.max_bytes for m in memos) <= cache.CEILING <= 350 * 10**6


def test_functions_of_one_kind_share_one_budget():
    assert cache.regional_shortage.memo is cache.national_series.memo is cache.change_against.memo
    assert cache.hbar.memo is cache.shortage_map.memo is cache.onderwijsregio_map.memo
    assert cache.source_text.memo is cache.safe_csv.memo
    assert cache.regional_shortage.memo is not cache.hbar.memo


def test_a_shared_budget_evicts_across_functions_and_keys_them_apart():
    memo = cache._family(100, 10**9)

    @memo
    def double(x: int) -> int:
        return 2 * x

    @memo
    def triple(x: int) -> int:
        return 3 * x

    assert (double(2), triple(2)) == (4, 6)  # same arguments, different functions: two entries
    small = cache._family(2, 10**9)
    a, b = small(lambda x: x), small(lambda x: -x)
    a(1), b(1), a(2)
    assert len(a.memo.entries) == 2 and a.memo is b.memo


def test_a_call_with_or_without_its_defaults_is_one_cache_entry():
    calls = []

    @cache.view
    def heading(sector: str = "po", session: object = None) -> str:
        calls.append((sector, session))
        return f"Tekort {sector}"

    assert heading() == heading("po") == heading(session=None) == heading("po", None) == "Tekort po"
    assert calls == [("po", None)]  # the warm-up's heading() serves the page's heading("po", session)
    assert heading("vo") == "Tekort vo" and len(calls) == 2
