"""Cheap cache keys for DataFrames: the token registry behind every cached page computation.

Hashing a DataFrame argument by content on every call would cost more than the (small) work itself, so frames
carry a token: the data layer registers one for every frame it returns (file version + filters + this session's
upload), and each cached call registers one for its result (function + argument tokens). A frame without a token
(built in a page) is hashed by content: correct, only slower. Tokens are keyed on object identity and dropped
when the frame is collected; frames are never mutated in place in this code base (pages use .assign).
"""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import pickle
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

F = TypeVar("F", bound=Callable[..., Any])
_TOKENS: dict[int, str] = {}


def register(frame: pd.DataFrame, token: str) -> pd.DataFrame:
    """Remember `token` as the identity of this frame object for as long as it lives."""
    key = id(frame)
    if key not in _TOKENS:  # a shared cached result comes back many times: one finalizer is enough
        weakref.finalize(frame, _TOKENS.pop, key, None)
    _TOKENS[key] = token
    return frame


def frame_key(frame: pd.DataFrame) -> str:
    token = _TOKENS.get(id(frame))
    if token is not None:
        return token
    # Pickle is ~10x faster than pd.util.hash_pandas_object on small frames; equal bytes imply equal content
    # (two equal frames with a different memory layout may miss the cache, never hit a wrong entry).
    return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).hexdigest()


def _arg_key(value: object) -> str:
    return frame_key(value) if isinstance(value, pd.DataFrame) else repr(value)


HASH_FUNCS = {pd.DataFrame: frame_key}


def cached_data(fn: F) -> F:
    """Cache a pure function per argument values; a DataFrame result gets a token for the calls it is passed to.

    Results are shared, not copied (st.cache_resource): unpickling a copy on every call cost more than the
    computation. Callers never modify a result in place (pages use .assign; pandas' copy-on-write keeps derived
    frames separate)."""
    inner = st.cache_resource(show_spinner=False, max_entries=4096, hash_funcs=HASH_FUNCS)(fn)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        result = inner(*args, **kwargs)
        if isinstance(result, pd.DataFrame):
            parts = [_arg_key(a) for a in args] + [f"{k}={_arg_key(v)}" for k, v in sorted(kwargs.items())]
            register(result, f"{fn.__module__}.{fn.__qualname__}({', '.join(parts)})")
        return result

    return call  # type: ignore[return-value]


def keep_out_of_gc() -> None:
    """Move everything alive now out of the garbage collector's sight (gc.freeze).

    Streamlit runs a full gc.collect() after every script run; with the cached GeoJSON and figures (hundreds of
    thousands of small lists) in the heap that took ~120 ms per rerun, more than the script itself. Called after
    a long-lived object has been created (a cached figure, loaded boundaries): collect once, then freeze, so later
    collections only walk the objects of a run."""
    gc.collect()
    gc.freeze()


atexit.register(gc.unfreeze)  # let the interpreter clean up frozen objects at exit (no leak warnings)


class FrozenFigure(go.Figure):
    """A cached figure: `to_dict()` is computed once. Streamlit calls it on every render, and plotly's version
    deep-copies the whole figure, GeoJSON included (most of a map page's rerun time)."""

    def to_dict(self) -> dict:
        if getattr(self, "_frozen", None) is None:
            self._frozen = super().to_dict()
        return self._frozen


def cached_figure(fn: F) -> F:
    """st.cache_resource: one shared figure object per argument values (callers must not mutate it)."""

    @functools.wraps(fn)
    def build(*args, **kwargs):
        figure = fn(*args, **kwargs)
        figure.__class__ = FrozenFigure
        figure.to_dict()
        keep_out_of_gc()
        return figure

    return st.cache_resource(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)(build)  # type: ignore[return-value]
