"""Deployment tier: deploy/start.sh as an operator runs it (nginx in front of two replicas under supervisord),
on a free port, with imports going to a scratch folder; deploy/stop.sh at the end."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy.configure import free_port_block
from tests.e2e.conftest import browser, page  # noqa: F401 (the browser tier's fixtures: Debian's chromium)

REPO = Path(__file__).resolve().parents[2]
REPLICAS = 2


@dataclass(frozen=True)
class Deployment:
    port: int
    run: Path
    eigen_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port + int(name[1:])}"

    def ctl(self, *args: str) -> str:
        result = subprocess.run(
            ["supervisorctl", "-c", str(self.run / "supervisord.conf"), *args], capture_output=True, text=True
        )
        return result.stdout

    def pid(self, name: str) -> int:
        return int(self.ctl("pid", name).strip())

    def ready(self) -> dict[str, bool]:
        return json.loads((self.run / "ready.json").read_text())["ready"]

    def wait_ready(self, names: tuple[str, ...] = ("r1", "r2"), timeout: float = 120) -> None:
        deadline = time.time() + timeout
        while not all(self.ready().get(n) for n in names):
            assert time.time() < deadline, self.ready()
            time.sleep(0.3)


@pytest.fixture(scope="session")
def deployment() -> Iterator[Deployment]:
    port = free_port_block(REPLICAS)
    run = Path(tempfile.mkdtemp(prefix="deploy-run-"))
    eigen_dir = Path(tempfile.mkdtemp(prefix="eigen-deploy-"))
    env = {**os.environ, "LERARENTEKORT_EIGEN_DIR": str(eigen_dir)}
    start = subprocess.run(
        [
            "bash",
            "deploy/start.sh",
            "--replicas",
            str(REPLICAS),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--run",
            str(run),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    deployment = Deployment(port, run, eigen_dir)
    try:
        assert start.returncode == 0, start.stdout + start.stderr
        assert f"Klaar: http://127.0.0.1:{port}" in start.stdout
        urllib.request.urlopen(f"{deployment.url}/_stcore/health", timeout=5)
        yield deployment
    finally:
        stop = subprocess.run(
            ["bash", "deploy/stop.sh", "--port", str(port), "--run", str(run)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert stop.returncode == 0, stop.stdout + stop.stderr
