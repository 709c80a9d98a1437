"""Regions compared: a choice of 2 to 4 regions and the chart of their figures side by side."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.sections import chart
from dashboard.views.base import ChartView

MAX_REGIONS = 4


def render(
    label: str,
    codes: tuple[str, ...],
    names: dict[str, str],
    key: str,
    view_for: Callable[[list[str]], ChartView],
    quick_choice: tuple[str, tuple[str, ...]] | None = None,
) -> None:
    """`quick_choice`: (button label, codes) that fills the choice in one click (e.g. the voorlopers)."""
    if quick_choice and quick_choice[1] and st.button(quick_choice[0], key=f"_{key}_snel"):
        st.session_state[key] = list(quick_choice[1][:MAX_REGIONS])
    st.multiselect(
        f"Kies 2 tot {MAX_REGIONS} {label}",
        codes,
        key=key,
        max_selections=MAX_REGIONS,
        format_func=names.get,
        placeholder=f"Kies {label}",
    )
    chart.render(view_for(st.session_state[key]))
