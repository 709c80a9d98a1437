"""Cheap cache keys: a token belongs to one frame object; everything else is keyed by content."""

import gc

import pandas as pd

from dashboard.data.tokens import _TOKENS, cached_data, frame_key, register


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
