"""Test hosts in network namespaces: two app hosts and a proxy host, each with its own network stack, joined by
veth pairs on the project's own test addresses (10.213.K.0/24), made and removed by the test itself.

    root ns  10.213.K.1  --  10.213.K.2  proxy host (nginx, readiness: deploy/start.sh --upstreams)
                             10.213.K.5  --  10.213.K.6   app host a (deploy/replicas.sh --listen 10.213.K.6)
                             10.213.K.9  --  10.213.K.10  app host b

The test process stays in the root namespace and talks to the proxy at 10.213.K.2; the app hosts share this
machine's file system, so each gets its own data folder (a release taken in with `python -m dashboard uitgave
neem`) and its own run folder. Names carry the test's pid (ltd<pid>p/a/b): namespaces left by a test that was
killed are removed by the next one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy.configure import SECRET_FILE_ENV

REPO = Path(__file__).resolve().parents[2]
PREFIX = "ltd"
ROLES = ("p", "a", "b")
APP_PORT, PROXY_PORT = 8601, 8600


class NoNamespaces(Exception):
    """ip netns cannot be used here (not root, or namespaces not allowed): the test is skipped with the reason."""


def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(list(args), capture_output=True, text=True)
    if check and done.returncode:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr.strip()}")
    return done


def remove_left_over() -> None:
    """Namespaces of an earlier test run whose process is gone (killed before its clean-up ran)."""
    for line in sh("ip", "netns", "list", check=False).stdout.splitlines():
        found = re.match(rf"({PREFIX}(\d+)[pab])\b", line)
        if found and not Path(f"/proc/{found[2]}").exists():
            kill_all_in(found[1])
            sh("ip", "netns", "del", found[1], check=False)


def kill_all_in(ns: str) -> None:
    """Every process still running in one of this test's namespaces (only what the test started runs there)."""
    for pid in sh("ip", "netns", "pids", ns, check=False).stdout.split():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid), signal.SIGKILL)


def free_octet() -> int:
    used = sh("ip", "-4", "addr", check=False).stdout + sh("ip", "route", check=False).stdout
    for k in [*range(20 + os.getpid() % 200, 220), *range(20, 220)]:
        if f"10.213.{k}." not in used:
            return k
    raise NoNamespaces("geen vrij testnet 10.213.K.0/24")


@dataclass
class Hosts:
    tag: str
    k: int
    root: Path
    secret: Path
    runs: dict[str, Path] = field(default_factory=dict)

    def ns(self, role: str) -> str:
        return f"{self.tag}{role}"

    def addr(self, where: str) -> str:
        last = {"root": 1, "p": 2, "pa": 5, "a": 6, "pb": 9, "b": 10}[where]
        return f"10.213.{self.k}.{last}"

    @property
    def url(self) -> str:
        return f"http://{self.addr('p')}:{PROXY_PORT}"

    def app_url(self, role: str) -> str:
        return f"http://{self.addr(role)}:{APP_PORT}"

    def data_dir(self, role: str) -> Path:
        return self.root / f"host-{role}" / "data"

    def veth(self, role: str) -> str:
        """The app host's end of its link to the proxy host."""
        return f"{self.tag}{role}"

    # --- the network -------------------------------------------------------------------------------------------
    def make(self) -> None:
        for role in ROLES:
            sh("ip", "netns", "add", self.ns(role))
            sh("ip", "-n", self.ns(role), "link", "set", "lo", "up")
        root_end, proxy_end = f"{self.tag}r", f"{self.tag}rp"
        sh("ip", "link", "add", root_end, "type", "veth", "peer", "name", proxy_end)
        sh("ip", "link", "set", proxy_end, "netns", self.ns("p"))
        sh("ip", "addr", "add", f"{self.addr('root')}/30", "dev", root_end)
        sh("ip", "link", "set", root_end, "up")
        sh("ip", "-n", self.ns("p"), "addr", "add", f"{self.addr('p')}/30", "dev", proxy_end)
        sh("ip", "-n", self.ns("p"), "link", "set", proxy_end, "up")
        for role in ("a", "b"):
            host_end, proxy_end = self.veth(role), f"{self.tag}{role}p"
            sh("ip", "link", "add", host_end, "type", "veth", "peer", "name", proxy_end)
            sh("ip", "link", "set", host_end, "netns", self.ns(role))
            sh("ip", "link", "set", proxy_end, "netns", self.ns("p"))
            sh("ip", "-n", self.ns("p"), "addr", "add", f"{self.addr('p' + role)}/30", "dev", proxy_end)
            sh("ip", "-n", self.ns("p"), "link", "set", proxy_end, "up")
            sh("ip", "-n", self.ns(role), "addr", "add", f"{self.addr(role)}/30", "dev", host_end)
            sh("ip", "-n", self.ns(role), "link", "set", host_end, "up")

    def link(self, role: str, up: bool) -> None:
        """Cut an app host off (its network goes down), or bring it back."""
        sh("ip", "-n", self.ns(role), "link", "set", self.veth(role), "up" if up else "down")

    def remove(self) -> None:
        for role, run in self.runs.items():
            subprocess.run(
                ["bash", "deploy/stop.sh", "--port", str(PROXY_PORT if role == "p" else APP_PORT), "--run", str(run)],
                cwd=REPO,
                capture_output=True,
                timeout=60,
            )
        for role in ROLES:
            kill_all_in(self.ns(role))
            sh("ip", "netns", "del", self.ns(role), check=False)
        sh("ip", "link", "del", f"{self.tag}r", check=False)

    # --- what runs on them ---------------------------------------------------------------------------------------
    def env(self, role: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("LERARENTEKORT_EIGEN_DIR", "LERARENTEKORT_GEHEIM")}
        return env | {"LERARENTEKORT_DATA_DIR": str(self.data_dir(role)), SECRET_FILE_ENV: str(self.secret)}

    def in_ns(self, role: str, *command: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["ip", "netns", "exec", self.ns(role), *command],
            cwd=REPO,
            env=self.env(role),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def uitgave(self, role: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "dashboard", "uitgave", *args],
            cwd=REPO,
            env=self.env(role),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self, bundle: Path, apps: tuple[str, ...] = ("a", "b"), replicas: int = 1) -> None:
        """The release on the app hosts, their replicas (all at once), then nginx on the proxy host in front of
        them. Replica i of host a is named a<i> (replicas.sh --names; NAAM=ADRES:POORT on the proxy)."""
        for role in apps:
            taken = self.uitgave(role, "neem", str(bundle))
            assert taken.returncode == 0, taken.stderr
        self.runs = {role: self.root / f"run-{role}" for role in apps}
        names = {role: [f"{role}{i}" for i in range(1, replicas + 1)] for role in apps}
        starting = {
            role: subprocess.Popen(
                [
                    "ip",
                    "netns",
                    "exec",
                    self.ns(role),
                    "bash",
                    "deploy/replicas.sh",
                    "--replicas",
                    str(replicas),
                    "--port",
                    str(APP_PORT),
                    "--listen",
                    self.addr(role),
                    "--names",
                    ",".join(names[role]),
                    "--run",
                    str(self.runs[role]),
                    "--timeout",
                    "240",
                ],
                cwd=REPO,
                env=self.env(role),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )  # fmt: skip
            for role in apps
        }
        for process in starting.values():
            out, _ = process.communicate(timeout=300)
            assert process.returncode == 0 and "Klaar:" in out, out
        self.runs["p"] = self.root / "run-p"
        upstreams = ",".join(
            f"{name}={self.addr(role)}:{APP_PORT + i}" for role in apps for i, name in enumerate(names[role])
        )
        proxy = self.in_ns(
            "p",
            "bash",
            "deploy/start.sh",
            "--upstreams",
            upstreams,
            "--port",
            str(PROXY_PORT),
            "--host",
            self.addr("p"),
            "--api-rate",
            "1000",
            "--run",
            str(self.runs["p"]),
            "--timeout",
            "120",
        )
        assert proxy.returncode == 0 and "Klaar:" in proxy.stdout, proxy.stdout + proxy.stderr

    def ready(self) -> dict[str, bool]:
        """What the proxy host's readiness loop last saw."""
        try:
            return json.loads((self.runs["p"] / "ready.json").read_text())["ready"]
        except (OSError, ValueError, KeyError):
            return {}

    def data_version(self, role: str) -> str | None:
        """The data version an app host's replica signs its links with (GET /warmup), None when it does not answer
        (asked from the proxy host: only it can reach the app hosts)."""
        done = self.in_ns(
            "p", sys.executable, "-c", f"import urllib.request; print(urllib.request.urlopen('{self.app_url(role)}"
            "/warmup', timeout=3).read().decode())", timeout=20,
        )  # fmt: skip
        try:
            return json.loads(done.stdout).get("dataversie")
        except ValueError:
            return None


def until(check, timeout: float, what: str, interval: float = 0.3):
    """The first truthy answer of `check`, polled until `timeout` seconds have passed."""
    deadline = time.time() + timeout
    while not (answer := check()):
        assert time.time() < deadline, f"niet binnen {timeout:g} s: {what}"
        time.sleep(interval)
    return answer


def fetch_json(url: str, timeout: float = 5) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)
