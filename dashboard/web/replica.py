"""Which process answers: a stable name per replica slot (set by deploy/start.sh), so an operator or a test can see
where a session lives. Every HTTP response carries it as X-Dashboard-Replica; GET /warmup adds it with the pid."""

from __future__ import annotations

import contextlib
import functools
import os
import socket
from pathlib import Path

HEADER = "X-Dashboard-Replica"


def name() -> str:
    """DASHBOARD_REPLICA, or the host name for a server started by hand (one replica per host)."""
    return os.environ.get("DASHBOARD_REPLICA") or socket.gethostname()


SECRET_ENV, SECRET_FILE_ENV = "LERARENTEKORT_GEHEIM", "LERARENTEKORT_GEHEIM_BESTAND"  # deploy/configure.py too


@functools.cache
def shared_secret() -> str | None:
    """The secret of a deployment over several hosts, as each host is given it: LERARENTEKORT_GEHEIM, or the file
    LERARENTEKORT_GEHEIM_BESTAND names (docs/uitrol.md); None when neither is set."""
    if os.environ.get(SECRET_ENV, "").strip():
        return os.environ[SECRET_ENV].strip()
    if os.environ.get(SECRET_FILE_ENV):
        with contextlib.suppress(OSError):
            return Path(os.environ[SECRET_FILE_ENV]).read_text(encoding="utf-8").strip() or None
    return None


def link_key() -> str:
    """The key that signs download links (dashboard/links.py): the deployment's shared secret when given (so any
    server with it, also one started by hand, signs the same links), else Streamlit's cookie secret, which
    deploy/ sets to the same secret on every replica (a server started by hand makes its own at start)."""
    import streamlit as st

    return shared_secret() or str(st.get_option("server.cookieSecret"))


def identity() -> dict[str, object]:
    return {"replica": name(), "pid": os.getpid()}
