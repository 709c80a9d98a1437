"""File formats of what the dashboard hands out: the page downloads and the open data API use the same bytes."""

from __future__ import annotations

import io
import math

import pandas as pd

from dashboard import cached

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"


@cached.output
def safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV for Excel users: text cells that Excel would run as a formula get a leading quote (CSV injection)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v
            )
    return out.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _plain(value: object) -> object:
    """JSON has no NaN or pandas NA: missing numbers become null, numpy scalars plain Python."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def json_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    columns = list(frame.columns)
    return [dict(zip(columns, map(_plain, row), strict=True)) for row in frame.itertuples(index=False, name=None)]
