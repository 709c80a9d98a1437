"""The URL is the state: widget values <-> `st.query_params`.

Parsing and serialising are pure (tested without Streamlit). `bind` seeds a widget's session state
from the URL on first use; `publish` writes the current values back, leaving defaults out of the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st


@dataclass(frozen=True)
class Param:
    key: str
    default: Any
    kind: str = "str"  # "str" | "list" | "int" | "float"
    choices: tuple[str, ...] = ()
    max_items: int = 0  # for lists: 0 = no limit


def parse(param: Param, raw: str | None) -> Any:
    """URL text -> widget value; anything unknown or malformed falls back to the default."""
    if raw is None or raw == "":
        return param.default
    try:
        if param.kind == "list":
            items = [x for x in raw.split(",") if x]
            if param.choices:
                items = [x for x in items if x in param.choices]
            items = list(dict.fromkeys(items))
            return items[: param.max_items] if param.max_items else items
        if param.kind == "int":
            return int(raw)
        if param.kind == "float":
            return float(raw)
    except ValueError:
        return param.default
    if param.choices and raw not in param.choices:
        return param.default
    return raw


def serialize(param: Param, value: Any) -> str | None:
    """Widget value -> URL text; None when it equals the default (keeps links short)."""
    if value is None or value == param.default:
        return None
    if param.kind == "list":
        return ",".join(value) if value else None
    if param.kind == "float":
        return f"{value:g}"
    return str(value)


def bind(*params: Param) -> None:
    """Seed session state from the URL for widgets that have no state yet (first run, fresh link)."""
    for param in params:
        if param.key not in st.session_state:
            st.session_state[param.key] = parse(param, st.query_params.get(param.key))


def publish(*params: Param) -> None:
    """Mirror the current widget values into the URL."""
    for param in params:
        text = serialize(param, st.session_state.get(param.key, param.default))
        if text is None:
            if param.key in st.query_params:
                del st.query_params[param.key]
        elif st.query_params.get(param.key) != text:
            st.query_params[param.key] = text


def year_slider(label: str, start: Param, end: Param, bounds: tuple[int, int], key: str) -> tuple[int, int]:
    """A year-range slider whose ends live in the URL as two parameters, clamped to the data's years and ordered
    whatever the link says; the bounds come from the data, so a new year appears without a code change."""
    low, high = bounds
    clamped = sorted(min(max(st.session_state[p.key], low), high) for p in (start, end))
    st.session_state.setdefault(key, tuple(clamped))
    years = st.slider(label, low, high, key=key) if low < high else (low, high)
    st.session_state[start.key], st.session_state[end.key] = years
    return years
