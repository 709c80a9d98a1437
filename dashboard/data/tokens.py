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
import threading
import types
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go

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


def function_key(fn: types.FunctionType) -> str:
    """Formatters are module functions or page lambdas (a new object every rerun, maybe at a reused address):
    name, place and captured values identify them."""
    code = fn.__code__
    cells = tuple(c.cell_contents for c in (fn.__closure__ or ()))
    return f"{fn.__module__}.{fn.__qualname__}@{code.co_filename}:{code.co_firstlineno}{arg_key(cells)}"


def arg_key(value: object) -> str:
    """A cache key for one argument: frames by token, functions by definition, containers element-wise,
    plain values by repr (exact for str, int, float, bool, None); anything else by its pickled content."""
    if isinstance(value, pd.DataFrame):
        return frame_key(value)
    if isinstance(value, str | int | float | bool | type(None)):
        return repr(value)
    if isinstance(value, types.FunctionType):
        return function_key(value)
    if isinstance(value, tuple | list):
        return f"{type(value).__name__}({', '.join(arg_key(v) for v in value)})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{arg_key(k)}: {arg_key(v)}" for k, v in value.items()) + "}"
    return f"{type(value).__name__}:" + hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest()


def call_key(args: tuple, kwargs: dict) -> str:
    return ", ".join([arg_key(a) for a in args] + [f"{k}={arg_key(v)}" for k, v in sorted(kwargs.items())])


class Memo:
    """A shared in-process cache of one pure function, keyed by `call_key`.

    Replaces st.cache_resource for the page computations: Streamlit's cache hashes every argument with its own
    hasher and looks up the function's signature on every call (~0.3 ms a call, 15-30 calls a rerun: a third of
    a small page's rerun). A lookup here is a dict get. Like st.cache_resource, a value being computed is
    computed once: other callers (sessions, the warm-up) wait for it instead of computing it again."""

    def __init__(self, fn: Callable, max_entries: int) -> None:
        self.fn, self.max_entries = fn, max_entries
        self.entries: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}
        functools.update_wrapper(self, fn)

    def __call__(self, *args, **kwargs):
        return self.get(call_key(args, kwargs), args, kwargs)

    def get(self, key: str, args: tuple, kwargs: dict):
        """The value for `key` (= call_key(args, kwargs), for callers that need the key too), computed once."""
        try:
            return self.entries[key]
        except KeyError:
            pass
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            try:
                value = self.entries[key]  # computed by another caller while this one waited
            except KeyError:
                value = self.fn(*args, **kwargs)
                with self._lock:
                    if len(self.entries) >= self.max_entries:  # drop the oldest entry (dicts keep insertion order)
                        self.entries.pop(next(iter(self.entries)))
                    self.entries[key] = value
            with self._lock:
                self._computing.pop(key, None)
        return value


def memoize(max_entries: int = 4096) -> Callable[[F], F]:
    return lambda fn: Memo(fn, max_entries)  # type: ignore[return-value]


def cached_data(fn: F) -> F:
    """Cache a pure function per argument values; a DataFrame result gets a token for the calls it is passed to.

    Results are shared, not copied: unpickling a copy on every call cost more than the computation. Callers never
    modify a result in place (pages use .assign; pandas' copy-on-write keeps derived frames separate)."""
    inner = Memo(fn, 4096)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        key = call_key(args, kwargs)  # once: it is both the cache key and the result's token
        result = inner.get(key, args, kwargs)
        if isinstance(result, pd.DataFrame):
            register(result, f"{fn.__module__}.{fn.__qualname__}({key})")
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
    """One shared figure object per argument values (callers must not mutate it)."""

    @functools.wraps(fn)
    def build(*args, **kwargs):
        figure = fn(*args, **kwargs)
        figure.__class__ = FrozenFigure
        figure.to_dict()
        keep_out_of_gc()
        return figure

    return Memo(build, 512)  # type: ignore[return-value]
