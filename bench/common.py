"""What the benchmarks share: the pages (from the page registry), Chromium and its flags, starting a server and
waiting for it, CPU time of processes, a percentile, and one rerun as Streamlit's websocket protocol sends it.
Imports no other benchmark module: bench/run.py, felt.py, scaleout.py, soak.py and the sections import this. The
browser and API test tiers take Chromium, its flags, a free port and the Streamlit command from here too."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dashboard.data.model.sectors import SECTOR_LABELS  # noqa: E402
from dashboard.registry import PAGES as REGISTRY  # noqa: E402

OUTPUT = REPO / "bench" / "output"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--enable-unsafe-swiftshader",
    "--use-angle=swiftshader",
]
PAGES = [p.name for p in REGISTRY]  # the one page registry (dashboard/registry.py)
URL_PATHS = {p.name: p.url_path for p in REGISTRY}
SCRIPTS = {p.name: p.script for p in REGISTRY}
CODES = {label: code for code, label in SECTOR_LABELS.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(main: str, port: int, launcher: tuple[str, ...] = ()) -> list[str]:
    """`streamlit run main` on 127.0.0.1:`port`, headless; `launcher` replaces `python -m streamlit`."""
    return [
        *(launcher or (sys.executable, "-m", "streamlit")),
        "run",
        main,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",  # an edit during a run must not reload modules in the measured or tested app
    ]


def start_server(
    main: str = "serve.py", launcher: tuple[str, ...] = (), cwd: Path = REPO, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    """`launcher` replaces `python -m streamlit` (bench/soak.py starts Streamlit after a patch); `env` is added."""
    port = free_port()
    env = {**os.environ, "LERARENTEKORT_EIGEN_DIR": tempfile.mkdtemp(prefix="bench-eigen-"), **(env or {})}
    proc = subprocess.Popen(
        streamlit_command(main, port, launcher), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        time.sleep(0.02)
    raise RuntimeError("server did not start")


# The pages every user of the load tests moves between (bench/run.py load and server, bench/scaleout.py).
LOAD_PAGES = ["overzicht", "onderwijsregios", "opleiden", "bevoegdheden", "behoud"]


def cpu_seconds(match) -> float:
    """CPU time (user + system) used so far by every process whose command line matches."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if match(int(proc.name), cmdline):
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time spent on all cores since boot, idle and iowait excluded (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))] if ordered else float("nan")


async def protocol_rerun(ws, page: str, session: dict, errors: list[str]) -> float:
    """One rerun as a browser sends it (the page, the URL's query string, the sector radio's value), timed from
    sending to the server's 'script finished'. `session` ({query, radio, sector}) is updated from the replies."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    msg = BackMsg()
    msg.rerun_script.query_string = session["query"]
    msg.rerun_script.page_name = URL_PATHS[page]
    if session.get("radio") is not None and session.get("sector") is not None:
        radio = WidgetState(id=session["radio"].id, string_value=session["sector"])
        msg.rerun_script.widget_states.widgets.append(radio)
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=300))
        kind = fwd.WhichOneof("type")
        if kind == "page_info_changed":
            session["query"] = fwd.page_info_changed.query_string
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            if element.WhichOneof("type") == "radio" and element.radio.id.endswith("-sector"):
                session["radio"] = element.radio
            elif element.WhichOneof("type") == "exception":
                errors.append(f"exception on {page}: {element.exception.message[:80]}")
        elif kind == "script_finished":
            if fwd.script_finished not in (0, 2):
                errors.append(f"script on {page} ended with status {fwd.script_finished}")
            return (time.perf_counter() - start) * 1000
