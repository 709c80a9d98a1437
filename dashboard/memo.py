"""The caching mechanism: cheap keys, a bounded in-process memo, read-only shared results.

What is cached, by which key and how big it may grow is listed in one place: dashboard/cache.py. This module
only supplies the parts:

- Keys. Hashing a DataFrame by content on every call would cost more than the (small) work itself, so frames
  carry a token: the cache registers one for every frame it returns (file version + filters + session upload),
  and each cached call registers one for its result (function + argument tokens). A frame without a token (built
  in a page) is keyed by content: correct, only slower. Tokens are keyed on object identity and dropped when the
  frame is collected.
- `Memo`: a dict lookup per call instead of st.cache_resource's hashing (compared in bench/run.py, part
  "memo"). Bounded by count and by bytes (oldest out first). A value being computed is computed once; a call that
  raises leaves nothing behind.
- Protection: a cached frame is handed out as a shallow copy (pandas copy-on-write: no data is copied, and a
  write to the copy never reaches the cache); a cached figure refuses the mutating plotly methods.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import pickle
import threading
import types
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

F = TypeVar("F", bound=Callable[..., Any])
_TOKENS: dict[int, str] = {}


# --- keys ------------------------------------------------------------------------------------------------------------
def register(frame: pd.DataFrame, token: str) -> pd.DataFrame:
    """Remember `token` as the identity of this frame object for as long as it lives."""
    key = id(frame)
    if key not in _TOKENS:  # a frame registered twice needs one finalizer
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
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(value, key=repr) if isinstance(value, frozenset | set) else value
        return f"{type(value).__name__}({', '.join(arg_key(v) for v in items)})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{arg_key(k)}: {arg_key(v)}" for k, v in value.items()) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a view's input: field by field
        fields = ", ".join(arg_key(getattr(value, f.name)) for f in dataclasses.fields(value))
        return f"{type(value).__name__}({fields})"
    return f"{type(value).__name__}:" + hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest()


def call_key(args: tuple, kwargs: dict) -> str:
    return ", ".join([arg_key(a) for a in args] + [f"{k}={arg_key(v)}" for k, v in sorted(kwargs.items())])


def canonical_call(fn: Callable) -> Callable[[tuple, dict], tuple[tuple, dict]]:
    """One form per call of `fn`: defaults filled in, keywords by position where they have one, so f(), f(None) and
    f(x=None) share one cache entry (the warm-up once built views under keys that no page asked for)."""
    signature = inspect.signature(fn)
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    plain = all(p.kind in positional for p in signature.parameters.values())
    arity = len(signature.parameters)

    def canonical(args: tuple, kwargs: dict) -> tuple[tuple, dict]:
        if plain and not kwargs and len(args) == arity:  # already canonical: skip bind (~10 µs a call)
            return args, kwargs
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return bound.args, bound.kwargs

    return canonical


# --- sizes -----------------------------------------------------------------------------------------------------------
# A cached figure holds plotly's object graph and its to_dict() copy: measured with tracemalloc, ~12-15x the JSON it
# sends (a 24 KB membership map holds ~0,35 MB).
FIGURE_MEMORY_PER_JSON_BYTE = 12
# A frame's Python objects (index, blocks, column objects) besides its data, which memory_usage leaves out: measured
# with tracemalloc, a 3-column frame of 5 rows holds ~5,9 KB, memory_usage says 0,26 KB. Small frames are most of the
# metrics cache, so without this the cache held ~20x its budget (the soak grew ~70 KB a view after the caches "filled").
FRAME_OVERHEAD, COLUMN_OVERHEAD = 1_000, 2_000
KEY_OVERHEAD = 200  # a cache entry besides its value: the key string, the dict slot, the entry tuple


_FIGURE = go.Figure  # looked up once: plotly resolves go.* lazily, ~30 µs a lookup, and size_of runs per entry


def _column_bytes(column: pd.Series) -> int:
    """A column's buffers (Arrow strings included); only Python-object columns need the slow deep count. 2,5x faster
    than DataFrame.memory_usage(deep=True), which builds a Series per column (~1,7 ms a frame, measured)."""
    if column.dtype == object:
        return int(column.memory_usage(deep=True, index=False))
    return int(column.array.nbytes)


def size_of(value: object) -> int:
    """Rough bytes of memory a cached value holds, measured once when it is stored (the budget is what counts, not
    precision). Figures count their JSON times FIGURE_MEMORY_PER_JSON_BYTE; frames their column memory."""
    if isinstance(value, _FIGURE):
        json_bytes = getattr(value, "_size", None) or len(pio.to_json(value, validate=False))
        return json_bytes * FIGURE_MEMORY_PER_JSON_BYTE
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a view: what its fields hold
        return sum(size_of(getattr(value, f.name)) for f in dataclasses.fields(value)) + 256
    if isinstance(value, pd.DataFrame):
        data = sum(_column_bytes(column) for _, column in value.items()) + value.index.nbytes
        return data + FRAME_OVERHEAD + COLUMN_OVERHEAD * len(value.columns)
    if isinstance(value, pd.Series):
        return _column_bytes(value) + value.index.nbytes + FRAME_OVERHEAD + COLUMN_OVERHEAD
    if isinstance(value, bytes | str):
        return len(value)
    if isinstance(value, tuple | list):
        return sum(size_of(v) for v in value) + 64
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        return sum(len(str(f.get("geometry", ""))) for f in value.get("features", ()))
    if isinstance(value, dict):
        return sum(size_of(v) for v in value.values()) + 64
    return 256


# --- the memo --------------------------------------------------------------------------------------------------------
class Memo:
    """A shared in-process cache of one pure function, keyed by `call_key`, bounded by entries and bytes."""

    def __init__(self, fn: Callable, max_entries: int, max_bytes: int, share: Callable[[Any], Any] | None = None):
        self.fn, self.max_entries, self.max_bytes = fn, max_entries, max_bytes
        self.share = share or (lambda value: value)
        self.entries: dict[str, tuple[Any, int]] = {}
        self.bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}
        functools.update_wrapper(self, fn)

    def __call__(self, *args, **kwargs):
        return self.get(call_key(args, kwargs), args, kwargs)

    def get(self, key: str, args: tuple, kwargs: dict):
        """The value for `key` (= call_key(args, kwargs), for callers that need the key too), computed once."""
        entry = self.entries.get(key)
        if entry is not None:
            return self.share(entry[0])
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        try:
            with key_lock:
                entry = self.entries.get(key)  # computed by another caller while this one waited
                if entry is None:
                    value = self.fn(*args, **kwargs)
                    entry = (value, size_of(value) + len(key) + KEY_OVERHEAD)
                    self._store(key, entry)
        finally:  # also when fn raised: nothing of this call stays registered
            with self._lock:
                self._computing.pop(key, None)
        return self.share(entry[0])

    def _store(self, key: str, entry: tuple[Any, int]) -> None:
        with self._lock:
            self.entries[key] = entry
            self.bytes += entry[1]
            # Oldest out first (dicts keep insertion order); the newest entry always stays.
            while len(self.entries) > 1 and (len(self.entries) > self.max_entries or self.bytes > self.max_bytes):
                _, size = self.entries.pop(next(iter(self.entries)))
                self.bytes -= size

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()
            self.bytes = 0


def shallow(frame: pd.DataFrame) -> pd.DataFrame:
    """A new frame object over the same data (copy-on-write): a caller's write never reaches the cache."""
    return frame.copy(deep=False)


class FrozenFigure(go.Figure):
    """A cached figure: `to_dict()` computed once (Streamlit calls it on every render, and plotly's version deep-
    copies the whole figure, GeoJSON included), and the mutating methods refused: the object is shared."""

    def to_dict(self) -> dict:
        if getattr(self, "_frozen", None) is None:
            self._frozen = super().to_dict()
        return self._frozen

    def _refuse(self, *_args, **_kwargs):
        raise TypeError(
            "Een gedeelde figuur uit de cache mag niet worden gewijzigd; maak een kopie met go.Figure(fig)."
        )

    update_layout = update_traces = add_trace = add_traces = update = add_shape = add_annotation = _refuse
    add_hline = add_vline = update_xaxes = update_yaxes = for_each_trace = _refuse


def freeze_figure(figure: go.Figure) -> go.Figure:
    """Share `figure` read-only; its size (the JSON Streamlit sends) is measured once, for the caches' budgets."""
    figure.__class__ = FrozenFigure
    figure.to_dict()
    figure._size = len(pio.to_json(figure, validate=False))
    return figure
