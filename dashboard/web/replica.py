"""Which process answers: a stable name per replica slot (set by deploy/start.sh), so an operator or a test can see
where a session lives. Every HTTP response carries it as X-Dashboard-Replica; GET /warmup adds it with the pid."""

from __future__ import annotations

import os
import socket

HEADER = "X-Dashboard-Replica"


def name() -> str:
    """DASHBOARD_REPLICA, or the host name for a server started by hand (one replica per host)."""
    return os.environ.get("DASHBOARD_REPLICA") or socket.gethostname()


def link_key() -> str:
    """The key that signs download links (dashboard/links.py): Streamlit's cookie secret, which deploy/ gives every
    replica alike (a server started by hand makes its own at start)."""
    import streamlit as st

    return str(st.get_option("server.cookieSecret"))


def identity() -> dict[str, object]:
    return {"replica": name(), "pid": os.getpid()}
