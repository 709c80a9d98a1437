"""Scale-out (issue 19): one replica direct, one replica through nginx, two replicas through nginx, in one run.

    python bench/run.py --only scaleout        # part of the suite; table in bench/output/results.md
    python bench/scaleout.py [--quick]          # the same, on its own
    python bench/scaleout.py --hosts 2          # one app host against two, in network namespaces (issue 32;
                                                # bench/scaleout_hosts.py, table in docs/uitrol.md)

The deployments are the real one (deploy/start.sh, a scratch run folder and free ports). The load is the websocket
users of `--only server` (Streamlit's own protocol, no browser): each user first fetches the start page through
the proxy, as a browser does, so nginx pins its session to a replica by cookie. Measured per configuration:

- throughput within a p95 budget: closed-loop users (no pause between actions) in steps of more users; the most
  views per second of a step whose p95 stayed within P95_BUDGET_MS;
- latency at a fixed rate: FIXED_RATE views per second spread over FIXED_USERS users, p50 and p95;
- where the CPU went: the replicas, nginx and the load generator (this process), from /proc, so the reader sees
  how much of the 2 cores the generator itself took from the replicas;
- felt speed under load (`--felt`): clicks in Chromium through nginx while LOAD_VISITORS protocol visitors
  browse, against the same clicks on a bare Streamlit app under the same load (bench/felt.py's floor).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import OUTPUT, cpu_seconds, machine_busy_seconds, percentile  # noqa: E402
from bench.visitors import P95_BUDGET_MS, USER_STEPS, user  # noqa: E402
from dashboard.format import fmt_number as fmt  # noqa: E402
from deploy.configure import free_port_block  # noqa: E402

FIXED_RATE, FIXED_USERS = 8.0, 8  # views per second: well under one replica's capacity (~40/s)
LOAD_VISITORS = 20
GOAL_NGINX_P50, GOAL_TWO_REPLICAS, GOAL_FELT = 1.05, 1.8, 1.5


# --- deployments -----------------------------------------------------------------------------------------------
@contextlib.contextmanager
def deployment(replicas: int) -> Iterator[tuple[str, list[str], Path]]:
    """deploy/start.sh with `replicas`; yields the proxy URL, the replicas' direct URLs and the run folder."""
    port = free_port_block(replicas)
    run = Path(tempfile.mkdtemp(prefix="bench-deploy-"))
    env = {**os.environ, "LERARENTEKORT_EIGEN_DIR": tempfile.mkdtemp(prefix="bench-eigen-")}
    start = subprocess.run(
        [
            "bash",
            "deploy/start.sh",
            "--replicas",
            str(replicas),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--api-rate",
            "1000",
            "--run",
            str(run),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    try:
        if start.returncode:
            raise RuntimeError(start.stdout + start.stderr)
        yield (f"http://127.0.0.1:{port}", [f"http://127.0.0.1:{port + i}" for i in range(1, replicas + 1)], run)
    finally:
        subprocess.run(
            ["bash", "deploy/stop.sh", "--port", str(port), "--run", str(run)], cwd=REPO, capture_output=True
        )
        shutil.rmtree(run, ignore_errors=True)


def _nginx_pids(run: Path) -> set[int]:
    """This run's nginx master and its workers (a worker's command line does not name the run folder)."""
    with contextlib.suppress(OSError, ValueError):
        master = int((run / "nginx.pid").read_text())
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return {master, *map(int, children)}
    return set()


def _cpu(run: Path) -> dict[str, float]:
    """CPU seconds so far: this run's replicas, its nginx, this process (the load generator), the whole machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    layout = json.loads((run / "layout.json").read_text())
    ports = [f"--server.port {layout['port'] + i} " for i in range(1, layout["replicas"] + 1)]
    nginx = _nginx_pids(run)
    return {
        "replicas": cpu_seconds(lambda pid, cmd: "streamlit run serve.py" in cmd and any(p in cmd for p in ports)),
        "nginx": cpu_seconds(lambda pid, cmd: pid in nginx),
        "generator": own.ru_utime + own.ru_stime,
        "machine": machine_busy_seconds(),
    }


async def load(url: str, users: int, seconds: float, run: Path, pause_s: float = 0.0) -> dict:
    state = {"errors": [], "latencies": [], "ready": 0, "go": asyncio.Event(), "deadline": 0.0}
    tasks = [asyncio.create_task(user(url, i, state, pause_s)) for i in range(users)]
    while state["ready"] < users:
        await asyncio.sleep(0.05)
    before, start = _cpu(run), time.perf_counter()
    state["deadline"] = time.time() + seconds
    state["go"].set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - start
    after = _cpu(run)
    lat = state["latencies"]
    return {
        "users": users,
        "views": len(lat),
        "wall_s": wall,
        "views_per_s": len(lat) / wall,
        "p50_ms": percentile(lat, 0.5),
        "p95_ms": percentile(lat, 0.95),
        "errors": state["errors"][:5],
        "error_count": len(state["errors"]),
        "cpu_s": {k: after[k] - before[k] for k in after},
    }


async def capacity(url: str, run: Path, seconds: float, steps: tuple[int, ...]) -> dict:
    """Closed-loop steps of more users until p95 passes the budget; the best step within it."""
    measured = []
    for users in steps:
        result = await load(url, users, seconds, run)
        measured.append(result)
        print(
            f"  {users} gebruikers: {result['views_per_s']:.1f} views/s, p95 {result['p95_ms']:.0f} ms", file=sys.stderr
        )
        if result["p95_ms"] > P95_BUDGET_MS:
            break
    within = [m for m in measured if m["p95_ms"] <= P95_BUDGET_MS and not m["error_count"]]
    best = max(within, key=lambda m: m["views_per_s"]) if within else None
    return {"steps": measured, "best": best}


def measure_scaleout(quick: bool = False, rounds: int = 3) -> dict:
    """Direct and through nginx on the same single replica, alternating `rounds` times (a busy minute on the shared
    machine then lands on both sides); then two replicas through nginx."""
    seconds = 8.0 if quick else 20.0
    steps = USER_STEPS[:3] if quick else USER_STEPS
    pause = FIXED_USERS / FIXED_RATE
    results: dict = {"budget_ms": P95_BUDGET_MS, "fixed_rate": FIXED_RATE, "seconds": seconds, "configs": {}}
    with deployment(1) as (proxy, direct, run):
        urls = {"direct": direct[0], "nginx": proxy}
        fixed: dict[str, list[dict]] = {"direct": [], "nginx": []}
        for _ in range(1 if quick else rounds):
            for name, url in urls.items():
                print(f"{name}: vast tempo ...", file=sys.stderr)
                fixed[name].append(asyncio.run(load(url, FIXED_USERS, seconds, run, pause_s=pause)))
        for name, url in urls.items():
            print(f"{name}: capaciteit ...", file=sys.stderr)
            results["configs"][name] = {
                "fixed": merged(fixed[name]),
                "capacity": asyncio.run(capacity(url, run, seconds, steps)),
            }
    with deployment(2) as (proxy, _, run):
        print("nginx2: vast tempo en capaciteit ...", file=sys.stderr)
        two = [asyncio.run(load(proxy, FIXED_USERS, seconds, run, pause_s=pause))]
        results["configs"]["nginx2"] = {
            "fixed": merged(two),
            "capacity": asyncio.run(capacity(proxy, run, seconds, steps)),
        }
    return results


def merged(runs: list[dict]) -> dict:
    """Fixed-rate rounds together: p50/p95 as the median of the rounds', errors summed."""
    import statistics

    return {
        "p50_ms": statistics.median(r["p50_ms"] for r in runs),
        "p95_ms": statistics.median(r["p95_ms"] for r in runs),
        "rounds": [(r["p50_ms"], r["p95_ms"]) for r in runs],
        "error_count": sum(r["error_count"] for r in runs),
        "views": sum(r["views"] for r in runs),
    }


# --- felt speed under load -------------------------------------------------------------------------------------
def measure_felt_under_load(repeats: int, visitors: int = LOAD_VISITORS) -> dict:
    """Clicks through nginx (2 replicas) and on the bare floor app, both while `visitors` protocol users browse
    the dashboard: the same load on the machine for both sides of the ratio."""
    import threading

    from playwright.sync_api import sync_playwright

    from bench.common import CHROMIUM, CHROMIUM_ARGS, start_server, wait_healthy
    from bench.felt import FELT_JS, FILTERS, FLOOR_DIR, FLOOR_FILTERS, PAGES, floor_source, measure_app

    FLOOR_DIR.mkdir(parents=True, exist_ok=True)
    floor_main = FLOOR_DIR / "floor_app.py"
    floor_main.write_text(floor_source(PAGES))
    floor_filters = {p: (FLOOR_FILTERS[kind], kind) for p, (_, kind) in FILTERS.items()}
    results: dict = {"repeats": repeats, "visitors": visitors, "app": {}, "floor": []}
    with deployment(2) as (proxy, _, run):
        floor_proc, floor_url = start_server(str(floor_main), cwd=FLOOR_DIR)
        state = {"errors": [], "latencies": [], "ready": 0, "go": asyncio.Event(), "deadline": time.time() + 1e9}
        stop = threading.Event()

        async def background() -> None:
            state["go"] = asyncio.Event()
            tasks = [asyncio.create_task(user(proxy, 100 + i, state, pause_s=1.0)) for i in range(visitors)]
            state["go"].set()
            while not stop.is_set():
                await asyncio.sleep(0.2)
            state["deadline"] = 0
            await asyncio.gather(*tasks)

        thread = threading.Thread(target=lambda: asyncio.run(background()), daemon=True)
        try:
            wait_healthy(floor_url)
            thread.start()
            time.sleep(5)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for which in ("floor", "app", "floor"):
                    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="nl-NL")
                    context.add_init_script(FELT_JS)
                    if which == "floor":
                        results["floor"].append(
                            measure_app(context.new_page(), floor_url, floor_filters, (repeats + 1) // 2)
                        )
                    else:
                        results["app"] = measure_app(context.new_page(), proxy, FILTERS, repeats)
                    context.close()
                browser.close()
        finally:
            stop.set()
            thread.join(60)
            floor_proc.terminate()
            floor_proc.wait(10)
    results["background_views"] = len(state["latencies"])
    results["background_errors"] = state["errors"][:5]
    return results


# --- report ----------------------------------------------------------------------------------------------------
def _ratio(a: float, b: float) -> str:
    return f"{fmt(a / b, 2)}x" if b else "-"


def scaleout_table(results: dict) -> str:
    c = results["configs"]
    labels = {"direct": "1 replica, direct", "nginx": "1 replica via nginx", "nginx2": "2 replica's via nginx"}
    lines = [
        f"| schaal-uit ({fmt(results['seconds'])} s per stap) | vast tempo {fmt(results['fixed_rate'])} views/s: "
        f"p50 / p95 | capaciteit binnen p95 <= {fmt(results['budget_ms'])} ms | CPU tijdens capaciteit: replica's / "
        "nginx / lastgenerator / al het andere op de machine (cores) | fouten |",
        "|---|---:|---:|---|---:|",
    ]
    for name, label in labels.items():
        if name not in c:
            continue
        fixed, best = c[name]["fixed"], c[name]["capacity"]["best"]
        cap = f"{fmt(best['views_per_s'], 1)} views/s ({best['users']} gebruikers)" if best else "-"
        cpu = "-"
        if best:
            w = best["wall_s"]
            used = best["cpu_s"]
            other = max(0.0, used["machine"] - used["replicas"] - used["nginx"] - used["generator"])
            cpu = " / ".join(fmt(v / w, 2) for v in (used["replicas"], used["nginx"], used["generator"], other))
        errors = fixed["error_count"] + sum(s["error_count"] for s in c[name]["capacity"]["steps"])
        lines.append(f"| {label} | {fmt(fixed['p50_ms'])} / {fmt(fixed['p95_ms'])} ms | {cap} | {cpu} | {errors} |")
    if {"direct", "nginx", "nginx2"} <= c.keys():
        d, n, n2 = (c[k] for k in ("direct", "nginx", "nginx2"))
        p50 = n["fixed"]["p50_ms"] / d["fixed"]["p50_ms"]
        lines += [
            "",
            "| verhouding | gemeten | doel | gehaald |",
            "|---|---:|---:|---|",
            f"| nginx ervoor: p50 bij vast tempo, via nginx / direct | {fmt(p50, 2)}x | <= {fmt(GOAL_NGINX_P50, 2)}x "
            f"| {'ja' if p50 <= GOAL_NGINX_P50 else '**nee**'} |",
        ]
        if n["capacity"]["best"] and n2["capacity"]["best"]:
            one, two = n["capacity"]["best"], n2["capacity"]["best"]
            scale = two["views_per_s"] / one["views_per_s"]
            per_core_one = one["views"] / max(one["cpu_s"]["replicas"], 1e-9)
            per_core_two = two["views"] / max(two["cpu_s"]["replicas"], 1e-9)
            lines += [
                f"| 2 replica's / 1 replica: views/s binnen het p95-budget | {fmt(scale, 2)}x | >= "
                f"{fmt(GOAL_TWO_REPLICAS, 1)}x | {'ja' if scale >= GOAL_TWO_REPLICAS else '**nee**'} |",
                f"| idem, views per CPU-seconde van de replica's (1 / 2 replica's) | {fmt(per_core_one, 1)} / "
                f"{fmt(per_core_two, 1)} | - | - |",
            ]
    return "\n".join(lines)


def felt_under_load_table(results: dict) -> str:
    from bench.felt import felt_rows

    rows = felt_rows(results)
    worst = max(rows, key=lambda r: r[3])
    lines = [
        f"| gevoelde snelheid onder belasting ({results['visitors']} protocolbezoekers, via nginx, 2 replica's) | "
        "dashboard | kale Streamlit onder dezelfde belasting | verhouding |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {label} | {fmt(ms)} ms | {fmt(floor)} ms | {fmt(ratio, 2)}x |" for label, ms, floor, ratio in rows]
    lines.append(
        f"| **slechtste klik** ({worst[0]}) | | | **{fmt(worst[3], 2)}x** (doel <= {fmt(GOAL_FELT, 1)}x: "
        f"{'ja' if worst[3] <= GOAL_FELT else 'nee'}) |"
    )
    lines.append(
        f"| achtergrond: views van de bezoekers tijdens de meting / fouten | "
        f"{fmt(results['background_views'])} / {len(results['background_errors'])} | | |"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--felt", action="store_true", help="also felt speed under load (Chromium)")
    parser.add_argument("--only-felt", action="store_true")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--hosts", type=int, default=0, help="one app host against this many (network namespaces)")
    parser.add_argument("--replicas-per-host", type=int, default=1)
    args = parser.parse_args()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    if args.hosts:
        from bench.scaleout_hosts import main as hosts_main

        print(hosts_main(args.hosts, args.replicas_per_host, args.quick, OUTPUT))
        return
    tables = []
    if not args.only_felt:
        results = measure_scaleout(args.quick)
        (OUTPUT / "scaleout.json").write_text(json.dumps(results, indent=1, default=str))
        tables.append(scaleout_table(results))
    if args.felt or args.only_felt:
        felt = measure_felt_under_load(args.repeats)
        (OUTPUT / "felt_under_load.json").write_text(json.dumps(felt, indent=1, default=str))
        tables.append(felt_under_load_table(felt))
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    text = "\n\n".join(tables)
    print(text)
    (OUTPUT / "scaleout.md").write_text(f"{time.strftime('%Y-%m-%d %H:%M')} · {machine}\n\n{text}\n")


if __name__ == "__main__":
    main()
