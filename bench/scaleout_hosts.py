"""Scale-out over hosts (issue 32): one app host against two, each with the same replicas, behind nginx on a proxy
host; the hosts are network namespaces on this machine (tests/deploy/hosts.py), so they share its cores.

    python bench/scaleout.py --hosts 2 [--replicas-per-host 1] [--quick]

The load is bench/scaleout.py's protocol users (closed loop, steps of more users); the number is the most views
per second of a step whose p95 stayed within P95_BUDGET_MS. The CPU each side got comes from the processes in each
namespace (/proc), with the load generator (this process) and the rest of the machine apart: on a shared machine
the ratio says more than the absolute figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from bench.common import machine_busy_seconds, percentile
from bench.visitors import P95_BUDGET_MS, USER_STEPS, user
from dashboard.format import fmt_number as fmt
from tests.deploy.hosts import Hosts, free_octet, remove_left_over, sh

REPO = Path(__file__).resolve().parents[1]
APPS = ("a", "b")


def ns_cpu_seconds(ns: str) -> float:
    """User + system CPU seconds of every process now in namespace `ns` (its replicas, supervisord, nginx)."""
    total = 0.0
    for pid in sh("ip", "netns", "pids", ns, check=False).stdout.split():
        with suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def cpu(hosts: Hosts, apps: tuple[str, ...]) -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    found = {role: ns_cpu_seconds(hosts.ns(role)) for role in apps}
    return found | {
        "proxy": ns_cpu_seconds(hosts.ns("p")),
        "generator": own.ru_utime + own.ru_stime,
        "machine": machine_busy_seconds(),
    }


@contextmanager
def app_hosts(count: int, replicas: int) -> Iterator[tuple[Hosts, tuple[str, ...]]]:
    """`count` app hosts with `replicas` each behind a proxy host, on the repository's data as one release."""
    remove_left_over()
    root = Path(tempfile.mkdtemp(prefix="bench-hosts-"))
    (root / "geheim").write_text(secrets.token_hex(32))
    hosts = Hosts(f"ltd{os.getpid()}", free_octet(), root, root / "geheim")
    bundle = root / "uitgave.tar.gz"
    env = os.environ | {"LERARENTEKORT_EIGEN_DIR": str(root / "geen-eigen")}
    made = subprocess.run(
        [sys.executable, "-m", "dashboard", "uitgave", "maak", str(bundle)], cwd=REPO, env=env, capture_output=True
    )
    if made.returncode:
        raise RuntimeError(made.stderr.decode())
    apps = APPS[:count]
    try:
        hosts.make()
        hosts.start(bundle, apps, replicas)
        yield hosts, apps
    finally:
        hosts.remove()
        shutil.rmtree(root, ignore_errors=True)


async def load(hosts: Hosts, apps: tuple[str, ...], users: int, seconds: float) -> dict:
    state = {"errors": [], "latencies": [], "ready": 0, "go": asyncio.Event(), "deadline": 0.0}
    tasks = [asyncio.create_task(user(hosts.url, i, state)) for i in range(users)]
    while state["ready"] < users:
        await asyncio.sleep(0.05)
    before, start = cpu(hosts, apps), time.perf_counter()
    state["deadline"] = time.time() + seconds
    state["go"].set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - start
    after = cpu(hosts, apps)
    lat = state["latencies"]
    return {
        "users": users,
        "views": len(lat),
        "wall_s": wall,
        "views_per_s": len(lat) / wall,
        "p50_ms": percentile(lat, 0.5),
        "p95_ms": percentile(lat, 0.95),
        "error_count": len(state["errors"]),
        "errors": state["errors"][:5],
        "cpu_s": {k: after[k] - before[k] for k in after},
    }


def capacity(hosts: Hosts, apps: tuple[str, ...], seconds: float, steps: tuple[int, ...]) -> dict:
    measured = []
    for users in steps:
        result = asyncio.run(load(hosts, apps, users, seconds))
        measured.append(result)
        print(f"  {len(apps)} host(s), {users} gebruikers: {result['views_per_s']:.1f} views/s, "
              f"p95 {result['p95_ms']:.0f} ms", file=sys.stderr)  # fmt: skip
        if result["p95_ms"] > P95_BUDGET_MS:
            break
    within = [m for m in measured if m["p95_ms"] <= P95_BUDGET_MS and not m["error_count"]]
    return {"steps": measured, "best": max(within, key=lambda m: m["views_per_s"]) if within else None}


def measure_hosts(count: int, replicas: int, quick: bool = False) -> dict:
    seconds = 8.0 if quick else 15.0
    steps = USER_STEPS[:3] if quick else USER_STEPS
    results: dict = {"budget_ms": P95_BUDGET_MS, "seconds": seconds, "replicas_per_host": replicas, "configs": {}}
    for n in sorted({1, count}):
        with app_hosts(n, replicas) as (hosts, apps):
            print(f"{n} host(s) met {replicas} replica('s): capaciteit ...", file=sys.stderr)
            results["configs"][str(n)] = capacity(hosts, apps, seconds, steps) | {"apps": apps}
    return results


def hosts_table(results: dict) -> str:
    lines = [
        f"| hosts ({results['replicas_per_host']} replica per host, {fmt(results['seconds'])} s per stap) | "
        f"capaciteit binnen p95 <= {fmt(results['budget_ms'])} ms | p50 / p95 | CPU per host (cores) | "
        "views per CPU-seconde van de app-hosts | nginx-host / lastgenerator / al het andere (cores) | fouten |",
        "|---|---:|---:|---|---:|---|---:|",
    ]
    best = {}
    for n, config in results["configs"].items():
        b = config["best"]
        errors = sum(s["error_count"] for s in config["steps"])
        if not b:
            lines.append(f"| {n} | - | - | - | - | - | {errors} |")
            continue
        best[n] = b
        w, used = b["wall_s"], b["cpu_s"]
        per_host = " / ".join(f"{role}: {fmt(used[role] / w, 2)}" for role in config["apps"])
        apps = sum(used[role] for role in config["apps"])
        other = max(0.0, used["machine"] - apps - used["proxy"] - used["generator"])
        rest = " / ".join(fmt(v / w, 2) for v in (used["proxy"], used["generator"], other))
        lines.append(
            f"| {n} | {fmt(b['views_per_s'], 1)} views/s ({b['users']} gebruikers) | {fmt(b['p50_ms'])} / "
            f"{fmt(b['p95_ms'])} ms | {per_host} | {fmt(b['views'] / max(apps, 1e-9), 1)} | {rest} | {errors} |"
        )
    if len(best) == 2:
        one, two = (best[k] for k in sorted(best, key=int))
        lines += ["", f"Verhouding twee hosts / één host: **{fmt(two['views_per_s'] / one['views_per_s'], 2)}x**."]
    return "\n".join(lines)


def main(count: int, replicas: int, quick: bool, output: Path) -> str:
    results = measure_hosts(count, replicas, quick)
    output.mkdir(parents=True, exist_ok=True)
    (output / "scaleout_hosts.json").write_text(json.dumps(results, indent=1, default=str))
    text = hosts_table(results)
    (output / "scaleout_hosts.md").write_text(f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores\n\n{text}\n")
    return text
