"""Memory soak: does the server's memory level off when visitors keep asking for views it has not seen yet?

    python bench/soak.py                  # 20 minutes of distinct views, then 60 s idle
    python bench/soak.py --quick          # 2 minutes
    python bench/soak.py --minutes 5 --no-freeze   # the same with gc.freeze() disabled in the server
    python bench/soak.py --views 300 [--no-freeze]  # stop after 300 views (compare runs at equal views)
    python bench/soak.py --views 300 --pool 20      # the same 20 views over and over: sessions, not caches

Starts serve.py (as users do), waits for the warm-up, then `--clients` visitors each open a fresh session on a
deep link nobody asked for before (page + URL parameters), wait for the script to finish and leave, like a
visitor following a shared link. The server's RSS (/proc) is sampled throughout and during an idle tail.
Prints a table (time, RSS, views) and the ceiling and growth per view, first half against second half: a
plateau means the second half grows (almost) nothing. Results also go to bench/output/soak-<label>.json.

Note: Streamlit keeps a left session for reconnection (at most 128, for 2 minutes), a bounded part of the
figures below that is gone after the idle tail.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import random
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import OUTPUT, protocol_rerun, start_server, wait_healthy  # noqa: E402

PAGE_SIZE = 4096
CEILING_MB = 600  # what the soak holds a replica to (issue 14; README "Geheugen op duur")
CACHE_FILE = OUTPUT / "soak-cache.json"


def launcher(no_freeze: bool) -> tuple[str, ...]:
    """Streamlit's CLI with a thread that writes what the caches account for (dashboard.cache) every 2 s, so the
    soak can set RSS against the caches' own bytes; with `no_freeze`, gc.freeze is a no-op."""
    code = (
        "import gc, json, os, sys, threading, time\n"
        + ("gc.freeze = lambda: None\n" if no_freeze else "")
        + "def report():\n"
        "    from dashboard import cache\n"
        "    while True:\n"
        "        memos = cache.all_memos()\n"
        "        tmp = os.environ['SOAK_CACHE_FILE'] + '.tmp'\n"
        "        with open(tmp, 'w') as f:\n"
        "            json.dump({'bytes': sum(m.bytes for m in memos)}, f)\n"
        "        os.replace(tmp, os.environ['SOAK_CACHE_FILE'])\n"
        "        time.sleep(2)\n"
        "threading.Thread(target=report, daemon=True).start()\n"
        "from streamlit.web.cli import main\n"
        "sys.argv = ['streamlit', *sys.argv[1:]]\n"
        "main()\n"
    )
    return (sys.executable, "-c", code)


@dataclass(frozen=True)
class Choices:
    """The values the pages accept in their URL, read from the published data (as the pages do)."""

    regions: dict[str, tuple[str, ...]]  # sector -> region codes with a shortage figure
    vakken_vo: tuple[str, ...]
    vakken_diploma: tuple[str, ...]
    opleidingen: tuple[str, ...]
    oregios: tuple[str, ...] = ()
    gemeenten: tuple[str, ...] = ()


def load_choices() -> Choices:
    import pandas as pd

    from dashboard import metrics

    indicators = pd.read_parquet(REPO / "data" / "indicators.parquet")
    return Choices(
        regions={s: tuple(metrics.regional_shortage(indicators, s)["region_code"]) for s in ("po", "vo")},
        vakken_vo=tuple(sorted(metrics.vakken_table(indicators, "2019-10-01")["vak"])),
        vakken_diploma=tuple(sorted(metrics.diplomas_per_vak(indicators, [])["vak"].unique())),
        opleidingen=tuple(metrics.OPLEIDING_CODES),
        oregios=tuple(pd.read_parquet(REPO / "data" / "onderwijsregios.parquet")["onderwijsregio_code"]),
        gemeenten=tuple(metrics.gemeente_names(pd.read_parquet(REPO / "data" / "regions.parquet"))),
    )


def random_view(rng: random.Random, choices: Choices) -> tuple[str, str]:
    """One (page, query string) a visitor could have as a link; most pages have thousands of combinations."""
    page = rng.choice(("overzicht", "regionale-tekorten", "onderwijsregios", "opleiden", "bevoegdheden", "behoud"))
    sector = rng.choice(("po", "vo"))
    if page == "overzicht":
        params = {"sector": rng.choice(("po", "vo", "mbo", "so"))}
    elif page == "regionale-tekorten":
        codes = choices.regions[sector]
        params = {"sector": sector, "regio": rng.choice(codes), "vergelijk": ",".join(rng.sample(codes, 2))}
    elif page == "onderwijsregios":
        params = {
            "sector": sector,
            "oregio": rng.choice(choices.oregios),
            "overgelijk": ",".join(rng.sample(choices.oregios, 2)),
            "eigen": ",".join(rng.sample(choices.gemeenten, 3)),
        }
    elif page == "opleiden":
        van = rng.randint(2011, 2021)
        params = {
            "van": van,
            "tot": rng.randint(van + 1, 2023),
            "vakken": ",".join(rng.sample(choices.vakken_diploma, 3)),
            "opleidingen": ",".join(rng.sample(choices.opleidingen, 3)),
        }
    elif page == "bevoegdheden":
        params = {
            "sector": "vo",
            "vakken": ",".join(rng.sample(choices.vakken_vo, 3)),
            "sorteer": rng.choice(("tekort", "onbevoegd", "vak")),
        }
    else:
        params = {
            "sector": sector,
            "calc_regio": rng.choice(("NL01", *choices.regions[sector])),
            "extra": rng.randint(1, 80) / 2,
            "deeltijd": rng.randint(40, 180) / 2,
        }
    return page, urlencode(params)


def distinct_views(seed: int, choices: Choices, pool: int = 0) -> Iterator[tuple[str, str]]:
    """Views never asked for before in this run (random combinations, repeats skipped); with `pool`, the first
    `pool` of them over and over."""
    rng, seen = random.Random(seed), []
    while not pool or len(seen) < pool:
        view = random_view(rng, choices)
        if view not in seen:
            seen.append(view)
            yield view
    yield from itertools.cycle(seen)


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (second field of /proc/PID/statm, in pages)."""
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE


@dataclass
class Soak:
    deadline: float
    max_views: int = 0  # 0: no limit
    views: int = 0
    load_seconds: float = 0.0  # when the last visitor stopped
    errors: list[str] = field(default_factory=list)
    samples: list[tuple[float, int, int]] = field(default_factory=list)  # (seconds, rss bytes, views)
    cached: list[int] = field(default_factory=list)  # bytes the caches account for, one per sample (-1: unknown)


async def visitor(ws_url: str, views: Iterator[tuple[str, str]], soak: Soak) -> None:
    """Fresh session per view: connect, one run of the deep link, leave."""
    import websockets

    while time.time() < soak.deadline and not (soak.max_views and soak.views >= soak.max_views):
        page, query = next(views)
        try:
            async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
                await protocol_rerun(ws, page, {"query": query}, soak.errors)
            soak.views += 1
        except Exception as err:  # noqa: BLE001 (a broken connection is an error of the run, noted and counted)
            soak.errors.append(f"{page}?{query}: {type(err).__name__}: {err}"[:160])


def cache_bytes() -> int:
    with contextlib.suppress(OSError, ValueError, KeyError):
        return int(json.loads(CACHE_FILE.read_text())["bytes"])
    return -1


def note(pid: int, soak: Soak, at: float) -> None:
    soak.samples.append((at, rss_bytes(pid), soak.views))
    soak.cached.append(cache_bytes())


async def sample(pid: int, soak: Soak, start: float, interval: float, idle: float, load: asyncio.Future) -> None:
    """Every `interval` seconds while the load runs, at its end, then for `idle` seconds after it."""
    idle_until = 0.0
    while not idle_until or time.time() < idle_until:
        note(pid, soak, time.time() - start)
        if idle_until:
            await asyncio.sleep(max(min(interval, idle_until - time.time()), 0))
            continue
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(load), timeout=interval)
        if load.done():
            soak.load_seconds = time.time() - start
            note(pid, soak, soak.load_seconds)
            idle_until = time.time() + idle
    note(pid, soak, time.time() - start)


def wait_warm(url: str, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(OSError, ValueError):
            if urllib.request.urlopen(f"{url}/warmup", timeout=2).status == 200:  # 503 until warm
                return
        time.sleep(0.5)
    raise RuntimeError("warm-up did not finish")


async def run_soak(
    seconds: float, idle: float, clients: int, interval: float, no_freeze: bool, max_views: int = 0, pool: int = 0
) -> Soak:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    CACHE_FILE.unlink(missing_ok=True)
    proc, url = start_server(launcher=launcher(no_freeze), env={"SOAK_CACHE_FILE": str(CACHE_FILE)})
    try:
        wait_healthy(url)
        wait_warm(url)
        choices, start = load_choices(), time.time()
        soak, views = Soak(deadline=start + seconds, max_views=max_views), distinct_views(1, choices, pool)
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        load = asyncio.gather(*(visitor(ws_url, views, soak) for _ in range(clients)))
        await sample(proc.pid, soak, start, interval, idle, load)
    finally:
        proc.terminate()
        proc.wait(10)
    return soak


def growth(samples: list[tuple[float, int, int]]) -> float:
    """Bytes per view between the first and last sample (0 when no views)."""
    (_, rss0, v0), (_, rss1, v1) = samples[0], samples[-1]
    return (rss1 - rss0) / (v1 - v0) if v1 > v0 else 0.0


def summary(soak: Soak) -> dict:
    """Start/end/ceiling RSS and growth per view, first half against second half of the loaded period."""
    loaded = [s for s in soak.samples if s[0] <= soak.load_seconds]
    half = len(loaded) // 2
    first, second = growth(loaded[: half + 1]), growth(loaded[half:])
    rss = [s[1] for s in soak.samples]
    return {
        "start_mb": rss[0] / 1e6,
        "end_load_mb": loaded[-1][1] / 1e6,
        "after_idle_mb": rss[-1] / 1e6,
        "ceiling_mb": max(rss) / 1e6,
        "views": soak.views,
        "errors": len(soak.errors),
        "kb_per_view_first_half": first / 1e3,
        "kb_per_view_second_half": second / 1e3,
        "levels_off": second < 0.25 * first or second < 5_000,  # less than a quarter, or < 5 KB a view
        "ceiling_limit_mb": CEILING_MB,
        "under_ceiling": max(rss) / 1e6 <= CEILING_MB,
        "cached_end_mb": (soak.cached[-1] / 1e6) if soak.cached and soak.cached[-1] >= 0 else None,
    }


def table(soak: Soak, result: dict) -> str:
    cached = soak.cached or [-1] * len(soak.samples)
    lines = ["| tijd (s) | RSS (MB) | views | in de caches (MB) |", "|---:|---:|---:|---:|"]
    lines += [
        f"| {t:.0f} | {rss / 1e6:.0f} | {v} | {c / 1e6:.0f} |" if c >= 0 else f"| {t:.0f} | {rss / 1e6:.0f} | {v} | - |"
        for (t, rss, v), c in zip(soak.samples, cached)
    ]
    lines += [
        "",
        f"start {result['start_mb']:.0f} MB, einde belasting {result['end_load_mb']:.0f} MB, na rust "
        f"{result['after_idle_mb']:.0f} MB, plafond {result['ceiling_mb']:.0f} MB; {result['views']} views, "
        f"{result['errors']} fouten",
        f"groei per view: eerste helft {result['kb_per_view_first_half']:.0f} KB, tweede helft "
        f"{result['kb_per_view_second_half']:.0f} KB -> " + ("vlakt af" if result["levels_off"] else "VLAKT NIET AF"),
        f"plafond {result['ceiling_mb']:.0f} MB tegen de grens van {CEILING_MB} MB -> "
        + ("eronder" if result["under_ceiling"] else "EROVER"),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--quick", action="store_true", help="2 minutes, 20 s idle")
    parser.add_argument("--idle-seconds", type=float, default=60, help="sampling after the load stops")
    parser.add_argument("--clients", type=int, default=2, help="visitors at once (2 cores: 2)")
    parser.add_argument("--interval", type=float, default=10, help="seconds between RSS samples")
    parser.add_argument("--no-freeze", action="store_true", help="the server runs with gc.freeze() disabled")
    parser.add_argument("--views", type=int, default=0, help="stop after this many views (0: run the minutes)")
    parser.add_argument("--pool", type=int, default=0, help="repeat this many distinct views (0: all distinct)")
    args = parser.parse_args(argv)
    minutes, idle = (2, 20) if args.quick else (args.minutes, args.idle_seconds)
    seconds = minutes * 60 if not args.views else 24 * 3600
    soak = asyncio.run(run_soak(seconds, idle, args.clients, args.interval, args.no_freeze, args.views, args.pool))
    result = summary(soak)
    print(table(soak, result))
    for error in soak.errors[:5]:
        print(f"fout: {error}")
    label = (
        ("no-freeze" if args.no_freeze else "freeze")
        + (f"-{args.views}" if args.views else "")
        + (f"-pool{args.pool}" if args.pool else "")
    )
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / f"soak-{label}.json").write_text(
        json.dumps({"summary": result, "samples": soak.samples, "errors": soak.errors[:20]}, indent=1)
    )


if __name__ == "__main__":
    main()
