"""Shared links that name an old onderwijsregio code (a record that merged into another region or was split) open
the region it went into, and say so once."""

from __future__ import annotations

import streamlit as st

from dashboard.metrics.indeling import resolve_code


def follow_old_codes(
    codes: tuple[str, ...], moved: dict[str, tuple[str, ...]], names: dict[str, str], keys: tuple[str, ...]
) -> list[str]:
    """Rewrite the URL's `keys` (oregio=, overgelijk=) on a fresh link before they are bound; the lines to show."""
    lines = []
    for key in keys:
        if key in st.session_state or not st.query_params.get(key):
            continue
        items = [c for c in st.query_params[key].split(",") if c]
        new = [resolve_code(c, codes, moved) or c for c in items]
        if new == items:
            continue
        st.query_params[key] = ",".join(dict.fromkeys(new))
        lines += [
            f"De link noemt de oudere code {old}; die regio staat nu als **{names[to]}** in het dashboard "
            "(samengevoegd of gesplitst, zie 'Indeling' op het profiel)."
            for old, to in zip(items, new)
            if old != to
        ]
    return lines
