"""The benchmark suite: one command, one table, every figure against a naive baseline measured in the same run.

    python bench/run.py                 # everything (about 35 minutes on the 2-core reference machine)
    python bench/run.py --quick         # smoke run: fewer repeats, 1M rows, 5 sessions for 10 s
    python bench/run.py --only warm,bytes,cold,scale,load,server,felt

Sections (budgets from issue 5, 2-core machine):
- warm:  server-side script time of a rerun after a filter change (sector po <-> vo), median of >= 20 per page;
         real app vs naive (bench/naive.py); budget <= 150 ms and >= 10x faster than naive;
- bytes: figure JSON sent to the browser per page, and for the arbeidsmarktregio map (<= 500 KB) and a
         gemeente map (<= 1.5 MB), real vs naive (unsimplified geometry);
- cold:  process start -> first page fully drawn in Chromium (script finished, every chart drawn, map loaded);
         budget <= 1.4x Streamlit's floor here (a title and one small plotly chart) in the same run; the app as
         users start it (serve.py, with warm-up), without warm-up (app.py), the naive app; and the first visit
         some seconds after the server start, budget <= 1.15x the floor's first visit; median of 7 interleaved
         runs (the floor runs outside the repository: bare Streamlit, default config);
- felt:  every click (page link, sector, each page's main filter) to fully drawn in Chromium, as a ratio to a
         bare multipage Streamlit app (bench/felt.py); budget <= 2x, goal 1.5x;
- scale: 10M-row school-level table (bench/school_data.py) -> fte per arbeidsmarktregio and onderwijsregio by
         sector, vak and year; four engines, median time and peak memory (fresh process each); budget
         <= 300 ms and <= 1.5 GB;
- load:  20 concurrent browser sessions (Playwright contexts on 127.0.0.1) changing filters and pages for 60 s:
         errors (must be 0) and p95 rerun latency as the browser sees it, and how the CPU was shared;
- server: the same 20 users without browsers, speaking Streamlit's websocket protocol: the server's own p95;
- scaleout: the deployment (deploy/start.sh): one replica direct, through nginx, two replicas through nginx, and
         felt speed in Chromium while 20 protocol visitors browse (bench/scaleout.py); not in the default run.

Results are printed and written to bench/output/results.md. Synthetic data only, generated here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import cold, load, memo_vs_streamlit, school_data, warm  # noqa: E402
from bench.common import OUTPUT  # noqa: E402
from bench.report import report  # noqa: E402


def measure_scaleout_part(quick: bool) -> dict:
    from bench.scaleout import measure_felt_under_load, measure_scaleout

    return {"scaleout": measure_scaleout(quick), "felt_under_load": measure_felt_under_load(2 if quick else 3)}


def measure_felt_part(repeats: int) -> dict:
    from bench.felt import measure_felt

    return measure_felt(repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="warm,memo,cold,scale,load,server,felt")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--sessions", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--_pages", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--from-json", action="store_true", help="only print the table of bench/output/results.json")
    args = parser.parse_args()
    if args._pages:
        print(json.dumps(warm.measure_pages(args._pages, args.repeats or 20)))
        return
    if args.from_json:
        print(report(json.loads((OUTPUT / "results.json").read_text())))
        return
    quick = args.quick
    repeats = args.repeats or (6 if quick else 20)
    only = set(args.only.replace("bytes", "warm").split(","))
    results: dict = {}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    sections = {
        "warm": (
            "warme reruns en figuurgrootte",
            lambda: {"real": warm.in_child("real", repeats), "naive": warm.in_child("naive", repeats)},
        ),
        "memo": ("cache-opzoeking: eigen memo tegen st.cache_resource", lambda: memo_vs_streamlit.measure()),
        "cold": ("koude start", lambda: cold.measure_cold(1 if quick else 7)),  # 7: one run varies ±20%
        "scale": (
            "schaal",
            lambda: school_data.measure_scale(args.rows or (1_000_000 if quick else 10_000_000), 3 if quick else 7),
        ),
        "load": (
            "belasting",
            lambda: asyncio.run(
                load.run_load(args.sessions or (5 if quick else 20), args.seconds or (10 if quick else 60))
            ),
        ),
        "server": (
            "belasting zonder browser",
            lambda: asyncio.run(
                load.run_server_load(args.sessions or (5 if quick else 20), args.seconds or (10 if quick else 60))
            ),
        ),
        "felt": ("gevoelde snelheid (klik tot getekend)", lambda: measure_felt_part(3 if quick else 10)),
        "scaleout": (
            "schaal-uit: 1 replica direct, via nginx, 2 replica's via nginx",
            lambda: measure_scaleout_part(quick),
        ),
    }
    for name, (label, measure) in sections.items():
        if name in only:
            print(f"{label} ...", file=sys.stderr)
            results[name] = measure()
            # after every section, so a later failure keeps what was measured
            (OUTPUT / "results.json").write_text(json.dumps(results, indent=1, default=str))
    table = report(results)
    print(table)
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    (OUTPUT / "results.md").write_text(f"{time.strftime('%Y-%m-%d %H:%M')} · {machine}\n\n{table}\n")


if __name__ == "__main__":
    main()
