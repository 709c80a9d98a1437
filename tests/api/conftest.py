"""HTTP tier of the open data API: one real server (serve.py) per session, with a scratch folder for own data;
`running(script)` starts another (tests/api/test_entry_points.py starts app.py too)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.common import free_port, streamlit_command

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Server:
    url: str
    eigen_dir: Path


@contextlib.contextmanager
def running(script: str = "serve.py") -> Iterator[Server]:
    """`python -m streamlit run <script>` on a free port of its own, with a scratch folder for own data."""
    port = free_port()
    eigen_dir = Path(tempfile.mkdtemp(prefix="eigen-api-"))  # never the developer's data/eigen/
    command = streamlit_command(script, port)
    env = {**os.environ, "LERARENTEKORT_EIGEN_DIR": str(eigen_dir)}
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v1", timeout=5).read()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"Streamlit-server ({script}) startte niet") from None
                time.sleep(0.3)
        yield Server(url, eigen_dir)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with running("serve.py") as started:
        yield started
