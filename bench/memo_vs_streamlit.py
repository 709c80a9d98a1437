"""The cache lookup of dashboard/memo.py against st.cache_resource(hash_funcs=...), on the calls a rerun makes.

Both sides cache the same pure metrics functions with the same cheap frame key (the token of dashboard.memo), so the
only difference is the lookup itself. Run from bench/run.py (part "memo"); prints nothing itself.
"""

from __future__ import annotations

import logging
import statistics
import time

import pandas as pd


def measure(calls: int = 2000, repeats: int = 7) -> dict:
    import streamlit as st

    from dashboard import cache, metrics
    from dashboard.memo import frame_key

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "No runtime found" outside a server
    rows = cache.indicators(indicators=("tekort_pct",), sectors=("po", "vo"))
    ours = (cache.regional_shortage, cache.national_series)
    theirs = tuple(
        st.cache_resource(hash_funcs={pd.DataFrame: frame_key}, max_entries=2048)(f)
        for f in (metrics.regional_shortage, metrics.national_series)
    )

    def run(functions) -> float:
        for f in functions:  # fill the cache first: a rerun hits it
            f(rows, "po"), f(rows, "vo")
        start = time.perf_counter()
        for i in range(calls):
            functions[i % 2](rows, ("po", "vo")[i % 2 // 1 % 2])
        return (time.perf_counter() - start) / calls * 1e6

    memo_us = statistics.median(run(ours) for _ in range(repeats))
    streamlit_us = statistics.median(run(theirs) for _ in range(repeats))
    return {"memo_us": memo_us, "cache_resource_us": streamlit_us, "calls": calls}
