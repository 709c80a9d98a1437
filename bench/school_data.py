"""Synthetic school-level data (bench only, never shipped) and the engines that aggregate it to regions.

The shape follows DUO's personnel files at vestiging level: about 9,000 vestigingen x 15 years x 20 vakken x a
few functions ~ 10 million rows, each with the gemeente of the vestiging (as `ingest-duo` places them). The
question the dashboard asks of such a table: fte per arbeidsmarktregio and per onderwijsregio, by sector, vak and
year. Three engines answer it, and must give the same numbers:

- naive: read the whole Parquet file into pandas, join the region tables, group;
- pyarrow: read only the needed columns, group to gemeente level in Arrow, join the (small) result in pandas;
- duckdb: one SQL query over the Parquet file (column projection + parallel hash aggregation);
- kubus: the ingest writes, per row, the index of its cell in the cube gemeente x sector x vak x year x functie;
  a query reads two columns and sums per cell with np.bincount, then maps gemeenten to regions with matrix
  products.

Run on its own: python bench/school_data.py [rows]   (writes bench/output/school_data.parquet)
"""

from __future__ import annotations

import functools
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

OUTPUT = REPO / "bench" / "output"
VAKKEN = [f"vak_{i:02d}" for i in range(20)]
FUNCTIES = ["leraar", "leraar_in_opleiding", "onderwijsassistent"]
SECTORS = ["po", "vo", "so", "mbo"]
KEYS = ["sector", "vak", "year"]


@functools.cache
def gemeente_table() -> pd.DataFrame:
    """The app's region tables, read once per process (in the app they are cached too)."""
    regions = pd.read_parquet(REPO / "data" / "regions.parquet")
    return regions[regions["geo_level"] == "gemeente"][["region_code", "arbeidsmarktregio_code"]].rename(
        columns={"region_code": "gemeente_code"}
    )


@functools.cache
def definition_table() -> pd.DataFrame:
    return pd.read_parquet(REPO / "data" / "onderwijsregio_gemeenten.parquet")[
        ["onderwijsregio", "sector", "gemeentecode"]
    ].rename(columns={"gemeentecode": "gemeente_code"})


def generate(rows: int, path: Path, seed: int = 7) -> Path:
    """~rows rows: vestigingen x years x vakken x functies, written in row groups of 1M (dictionary-encoded)."""
    rng = np.random.default_rng(seed)
    gemeenten = gemeente_table()["gemeente_code"].to_numpy()
    years = np.arange(2010, 2025)
    per_vestiging = len(years) * len(VAKKEN) * len(FUNCTIES)
    vestigingen = max(1, rows // per_vestiging)
    v_gemeente_idx = rng.integers(0, len(gemeenten), vestigingen)
    v_gemeente = gemeenten[v_gemeente_idx]
    v_sector_idx = rng.choice(4, vestigingen, p=[0.7, 0.2, 0.05, 0.05])
    v_sector = np.array(SECTORS)[v_sector_idx]
    dims = {
        "gemeente_code": gemeenten.tolist(),
        "sector": SECTORS,
        "vak": VAKKEN,
        "year": years.tolist(),
        "functie": FUNCTIES,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    chunk = max(1, 1_000_000 // per_vestiging)
    for start in range(0, vestigingen, chunk):
        ids = np.arange(start, min(start + chunk, vestigingen))
        n = len(ids) * per_vestiging
        v = np.repeat(ids, per_vestiging)
        inner = np.tile(np.arange(per_vestiging), len(ids))
        vak_idx = (inner // len(FUNCTIES)) % len(VAKKEN)
        year_idx = inner // (len(VAKKEN) * len(FUNCTIES))
        functie_idx = inner % len(FUNCTIES)
        # The cell of the cube gemeente x sector x vak x year x functie, written once by the ingest so a query
        # never has to hash strings (see cube() below).
        cel = (
            ((v_gemeente_idx[v] * len(SECTORS) + v_sector_idx[v]) * len(VAKKEN) + vak_idx) * len(years) + year_idx
        ) * len(FUNCTIES) + functie_idx
        table = pa.table(
            {
                "vestiging": pa.array([f"{i:04d}XX" for i in v]).dictionary_encode(),
                "gemeente_code": pa.array(v_gemeente[v]).dictionary_encode(),
                "sector": pa.array(v_sector[v]).dictionary_encode(),
                "vak": pa.array(np.array(VAKKEN)[vak_idx]).dictionary_encode(),
                "functie": pa.array(np.array(FUNCTIES)[functie_idx]).dictionary_encode(),
                "year": pa.array(years[year_idx].astype(np.int16)),
                "fte": pa.array(rng.gamma(2.0, 0.4, n).astype(np.float32)),
                "cel": pa.array(cel.astype(np.int32)),
            }
        )
        if writer is None:
            schema = table.schema.with_metadata({"cube_dims": json.dumps(dims)})
            # The cube's two columns uncompressed (read at memory speed), the rest zstd.
            compression = {name: "none" if name in ("cel", "fte") else "zstd" for name in schema.names}
            writer = pq.ParquetWriter(path, schema, compression=compression)
        writer.write_table(table.replace_schema_metadata(schema.metadata), row_group_size=1_000_000)
    writer.close()
    return path


def _to_regions(per_gemeente: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gemeente-level sums -> (per arbeidsmarktregio, per onderwijsregio); both sorted for comparison."""
    am = per_gemeente.merge(gemeente_table(), on="gemeente_code")
    am = am.groupby(["arbeidsmarktregio_code", *KEYS], as_index=False, observed=True)["fte"].sum()
    oregio = per_gemeente.merge(definition_table(), on=["gemeente_code", "sector"])
    oregio = oregio.groupby(["onderwijsregio", *KEYS], as_index=False, observed=True)["fte"].sum()
    return (
        am.sort_values(["arbeidsmarktregio_code", *KEYS]).reset_index(drop=True),
        oregio.sort_values(["onderwijsregio", *KEYS]).reset_index(drop=True),
    )


def naive(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = pd.read_parquet(path)
    am = frame.merge(gemeente_table(), on="gemeente_code")
    am = am.groupby(["arbeidsmarktregio_code", *KEYS], as_index=False, observed=True)["fte"].sum()
    oregio = frame.merge(definition_table(), on=["gemeente_code", "sector"])
    oregio = oregio.groupby(["onderwijsregio", *KEYS], as_index=False, observed=True)["fte"].sum()
    am = am.astype({c: str for c in ("arbeidsmarktregio_code", "sector", "vak")})
    oregio = oregio.astype({c: str for c in ("onderwijsregio", "sector", "vak")})
    return (
        am.sort_values(["arbeidsmarktregio_code", *KEYS]).reset_index(drop=True),
        oregio.sort_values(["onderwijsregio", *KEYS]).reset_index(drop=True),
    )


def with_pyarrow(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = pq.read_table(path, columns=["gemeente_code", *KEYS, "fte"]).unify_dictionaries()
    per_gemeente = table.group_by(["gemeente_code", *KEYS]).aggregate([("fte", "sum")]).to_pandas()
    per_gemeente = per_gemeente.rename(columns={"fte_sum": "fte"})
    per_gemeente = per_gemeente.astype({c: str for c in ("gemeente_code", "sector", "vak")})
    return _to_regions(per_gemeente)


def with_duckdb(path: Path, connection=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    import duckdb

    con = connection or duckdb.connect()
    per_gemeente = con.execute(
        f"SELECT gemeente_code, sector, vak, year, sum(fte) AS fte FROM read_parquet('{path}') GROUP BY ALL"
    ).df()
    per_gemeente = per_gemeente.astype({c: str for c in ("gemeente_code", "sector", "vak")})
    return _to_regions(per_gemeente)


def cube(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read two columns (cell index, fte), sum per cell with np.bincount, then map gemeenten to regions with
    small matrix products (arbeidsmarktregio: one-hot; onderwijsregio: the definition per sector)."""
    dims = json.loads(pq.read_schema(path).metadata[b"cube_dims"])
    shape = [len(dims[d]) for d in ("gemeente_code", "sector", "vak", "year", "functie")]
    table = pq.read_table(path, columns=["cel", "fte"])
    cel = table["cel"].to_numpy()
    size = int(np.prod(shape))
    sums = np.bincount(cel, weights=table["fte"].to_numpy(), minlength=size).reshape(shape).sum(axis=4)
    present = np.bincount(cel, minlength=size).reshape(shape).sum(axis=4) > 0
    gemeenten = pd.Index(dims["gemeente_code"])

    def long(values: np.ndarray, seen: np.ndarray, names: list[str], column: str) -> pd.DataFrame:
        r, s_, v, y = np.nonzero(seen)
        frame = pd.DataFrame(
            {
                column: np.array(names, dtype=object)[r],
                "sector": np.array(dims["sector"], dtype=object)[s_],
                "vak": np.array(dims["vak"], dtype=object)[v],
                "year": np.array(dims["year"])[y],
                "fte": values[r, s_, v, y],
            }
        )
        return frame.sort_values([column, *KEYS]).reset_index(drop=True)

    g = gemeente_table()
    am_names = sorted(g["arbeidsmarktregio_code"].unique())
    one_hot = np.zeros((len(am_names), len(gemeenten)))
    one_hot[pd.Index(am_names).get_indexer(g["arbeidsmarktregio_code"]), gemeenten.get_indexer(g["gemeente_code"])] = 1
    am = long(
        np.tensordot(one_hot, sums, axes=1),
        np.tensordot(one_hot, present, axes=1) > 0,
        am_names,
        "arbeidsmarktregio_code",
    )

    d = definition_table()
    d = d[d["sector"].isin(dims["sector"]) & d["gemeente_code"].isin(gemeenten)]
    o_names = sorted(d["onderwijsregio"].unique())
    member = np.zeros((len(o_names), len(dims["sector"]), len(gemeenten)))
    member[
        pd.Index(o_names).get_indexer(d["onderwijsregio"]),
        pd.Index(dims["sector"]).get_indexer(d["sector"]),
        gemeenten.get_indexer(d["gemeente_code"]),
    ] = 1
    o_values = np.einsum("rsg,gsvy->rsvy", member, sums)
    o_seen = np.einsum("rsg,gsvy->rsvy", member, present.astype(float)) > 0
    return am, long(o_values, o_seen, o_names, "onderwijsregio")


ENGINES = {
    "naive (pandas, alles lezen)": naive,
    "pyarrow (projectie + group_by)": with_pyarrow,
    "duckdb (SQL op Parquet)": with_duckdb,
    "kubus (celindex + numpy bincount)": cube,
}


def peak_memory_child(engine: str, path: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one engine in a fresh process, so memory figures do not mix."""
    import json
    import subprocess

    code = (
        "import json, sys, time; sys.path.insert(0, sys.argv[1]); import bench.school_data as s; "
        "from pathlib import Path; t = time.perf_counter(); s.ENGINES[sys.argv[2]](Path(sys.argv[3])); "
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]; "
        "print(json.dumps([time.perf_counter() - t, int(hwm) / 1024]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(REPO), engine, str(path)], capture_output=True, text=True, check=True
    )
    seconds, peak = json.loads(out.stdout.strip().splitlines()[-1])
    return seconds, peak


def measure_scale(rows: int, repeats: int) -> dict:
    """The scale section of bench/run.py: every engine on `rows` rows, median time and peak memory (a fresh
    process each), and every engine must give the same numbers."""
    path = OUTPUT / f"school_data_{rows}.parquet"
    if not path.exists():
        generate(rows, path)
    gemeente_table()
    definition_table()
    results = {}
    reference = None
    for name, engine in ENGINES.items():
        n = 1 if name.startswith("naive") else repeats
        times = []
        for _ in range(n):
            start = time.perf_counter()
            out = engine(path)
            times.append(time.perf_counter() - start)
        if reference is None:
            reference = out
        else:  # every engine must give the same numbers
            for ref, got in zip(reference, out):
                pd.testing.assert_frame_equal(
                    ref.astype({"year": int}), got.astype({"year": int}), check_dtype=False, rtol=1e-3
                )
        _, peak = peak_memory_child(name, path)
        results[name] = {"ms": statistics.median(times) * 1000, "peak_mb": peak, "runs": n}
    return {"rows": pq.ParquetFile(path).metadata.num_rows, "engines": results}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    start = time.perf_counter()
    target = generate(n, OUTPUT / "school_data.parquet")
    rows = pq.ParquetFile(target).metadata.num_rows
    print(f"{rows:,} rijen in {time.perf_counter() - start:.1f} s -> {target} ({target.stat().st_size / 1e6:.0f} MB)")
