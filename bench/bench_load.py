"""Benchmark: filtered reads of a large indicators table (synthetic school-level detail).

DESIGN.md asks the data layer to hold up when a user loads DUO school-level detail (about 9,000 vestigingen,
15 years, several indicators and vakken: millions of rows). This compares, in one run:

- naive: read the whole Parquet file, then filter in pandas;
- push-down: `dashboard.data.store.load.read_indicators` (pyarrow filters + only the row groups that match);
- cached: the Streamlit-cached `load_indicators` path on its second call (what a rerun costs).

Synthetic data is generated here (never shipped). Run: python bench/bench_load.py [rows]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.data.store.load import read_indicators  # noqa: E402


def synthetic_indicators(rows: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    indicators = np.array(["tekort_pct", "tekort_fte", "onbevoegd_pct", "instroom_opleiding", "zij_instroom"])
    sectors = np.array(["po", "vo", "mbo", "so"])
    vestigingen = np.array([f"VE{i:05d}" for i in range(9000)])
    frame = pd.DataFrame(
        {
            "indicator": indicators[rng.integers(0, len(indicators), rows)],
            "sector": sectors[rng.integers(0, len(sectors), rows)],
            "vak": "",
            "geo_level": "overig",
            "region_code": vestigingen[rng.integers(0, len(vestigingen), rows)],
            "region_name": "vestiging",
            "categorie": "",
            "peildatum": "2023-10-01",
            "year": rng.integers(2010, 2025, rows),
            "value": rng.random(rows) * 20,
            "unit": "%",
            "kind": "meting",
            "reliability": "solid",
            "source_id": "SYNTHETISCH",
            "note": "",
        }
    )
    # Sorted by the filter columns so row-group statistics can skip data, as a real ingest would write it.
    return frame.sort_values(["indicator", "sector"]).reset_index(drop=True)


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "indicators.parquet"
        synthetic_indicators(rows).to_parquet(path, index=False, row_group_size=100_000)
        size_mb = path.stat().st_size / 1e6

        def naive() -> pd.DataFrame:
            frame = pd.read_parquet(path)
            return frame[(frame["indicator"] == "tekort_pct") & (frame["sector"] == "vo")]

        def pushdown() -> pd.DataFrame:
            return read_indicators(path, indicators=("tekort_pct",), sectors=("vo",))

        assert len(naive()) == len(pushdown())
        t_naive, t_push = timed(naive), timed(pushdown)

        import streamlit as st  # imported late: only the cached path needs it

        cached_fn = st.cache_data(show_spinner=False)(lambda p, v, i, s: read_indicators(Path(p), i, s))
        cached_fn(str(path), 0, ("tekort_pct",), ("vo",))
        t_cached = timed(lambda: cached_fn(str(path), 0, ("tekort_pct",), ("vo",)))

    print(f"rows: {rows:,}  file: {size_mb:.1f} MB")
    print(f"naive full read + pandas filter : {t_naive * 1000:8.1f} ms")
    print(f"parquet filter push-down        : {t_push * 1000:8.1f} ms  ({t_naive / t_push:4.1f}x faster)")
    print(f"cached (rerun of same filters)  : {t_cached * 1000:8.1f} ms  ({t_naive / t_cached:6.0f}x faster)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000)
