"""This browser session's uploaded own data: the only place that keeps it in st.session_state.

Views and the cache get it passed in (dashboard.data.store.load.SessionData), so the data layer never reads a session.
"""

from __future__ import annotations

import streamlit as st

from dashboard.data.store.load import SessionData
from dashboard.memo import register

SESSION_KEY = "eigen_data"


def session_data() -> SessionData | None:
    return st.session_state.get(SESSION_KEY)


def keep_upload(data: SessionData, file_id: str) -> None:
    """Store a checked upload for this session; its frames get cheap cache keys."""
    register(data.indicators, f"upload:{file_id}:rows")
    register(data.sources, f"upload:{file_id}:sources")
    st.session_state[SESSION_KEY] = data


def drop_upload() -> None:
    st.session_state.pop(SESSION_KEY, None)
