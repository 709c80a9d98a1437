"""A heading with a list of sentences and their source line."""

from __future__ import annotations

import streamlit as st


def render(title: str, lines: tuple[str, ...], sources: str) -> None:
    st.header(title, anchor=False)
    st.markdown("\n".join(f"- {line}" for line in lines))
    if sources:
        st.caption(sources)
