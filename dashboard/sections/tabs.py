"""A page's parts as tabs, of which only the open one runs and draws (issue 13: fewer charts on first paint).

The open tab is a URL parameter like any filter (dashboard.ui.state.Param: its choices are the tab labels), so a
shared link opens the same part. Widgets inside a closed tab are not drawn; their values live on in the URL (bind
seeds them again when the tab opens).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.ui.state import Param


def param(parts: dict[str, Callable[[], None]], key: str = "onderdeel") -> Param:
    """The URL parameter of a page's tabs, from the parts themselves (label -> what it shows): the tab names are
    written once, the first part is open by default."""
    labels = tuple(parts)
    return Param(key, labels[0], choices=labels, noun="Onderdeel", instead=f"het onderdeel '{labels[0]}'")


def render(param: Param, parts: dict[str, Callable[[], None]]) -> None:
    """`parts`: tab label -> what it shows; the labels are `param`'s choices, the first one is open by default."""
    if tuple(parts) != param.choices or param.default != param.choices[0]:
        raise ValueError(f"De tabbladen {list(parts)} horen bij de URL-keuzes {list(param.choices)}.")
    for label, tab in zip(parts, st.tabs(list(parts), key=param.key, on_change="rerun")):
        if tab.open:
            with tab:
                parts[label]()
