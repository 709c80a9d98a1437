"""URL parameters with more than one value (Tabel maken's `regio=` and `peildatum=`): repeatable
(`?peildatum=a&peildatum=b`) or comma-separated (`?regio=AM09,AM20`), both read the same way.

Pure parsing (`values_of`) and a bind/publish pair like dashboard/ui/state.py's for one widget key each.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from dashboard.ui import state


def values_of(raw: Iterable[str]) -> list[str]:
    """Every value of a repeated, comma-separated parameter, in order, once each, blanks dropped."""
    found = [part.strip() for value in raw for part in value.split(",")]
    return list(dict.fromkeys(v for v in found if v))


def from_url(name: str) -> list[str]:
    return values_of(st.query_params.get_all(name))


def bind(name: str, key: str) -> None:
    """Seed the widget `key` from the URL parameter `name` on first use (a fresh link)."""
    state.known(name)
    if key not in st.session_state:
        st.session_state[key] = from_url(name)


def publish(name: str, values: list[str], repeat: bool = False) -> None:
    """Write `values` into the URL: comma-separated, or as a repeated parameter; none: left out."""
    wanted = list(values) if repeat else ([",".join(values)] if values else [])
    if st.query_params.get_all(name) != wanted:
        if wanted:
            st.query_params[name] = wanted if repeat else wanted[0]
        elif name in st.query_params:
            del st.query_params[name]
